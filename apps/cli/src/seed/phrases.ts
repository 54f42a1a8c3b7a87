/** Names and standard phrases for submitters and handling steps. */
export const FIRST_NAMES = ['Eva', 'Lars', 'Anna', 'Per', 'Karin', 'Mohammed', 'Maria', 'Erik', 'Fatima', 'Johan', 'Sofia', 'Ali'];
export const LAST_NAMES = ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Ek', 'Öberg'];
export const STAFF = ['Kerstin Berg', 'Yusuf Demir', 'Linnea Sjöberg', 'Oskar Falk', 'Amina Warsame', 'Henrik Blom'];

export const QUESTIONS = [
  'Kan du berätta vilket datum och ungefär vilken tid det gällde?',
  'Vill du att vi ringer upp dig? Vilket nummer når vi dig på?',
  'Kan du beskriva lite mer vad som hände, så att vi kan utreda det?',
];
export const RESPONSES: Record<string, string> = {
  justified: 'Tack för att du hörde av dig. Du har rätt i din kritik och vi har gått igenom rutinerna med personalen.',
  partly_justified: 'Tack för ditt klagomål. Vi har utrett det och delvis håller vi med dig; vi har ändrat vårt arbetssätt.',
  unjustified: 'Tack för ditt klagomål. Efter utredning bedömer vi att vi har följt rutinerna, men vi tar med oss dina synpunkter.',
  not_assessable:
    'Tack för att du hörde av dig. Vi har inte kunnat utreda händelsen närmare men har tagit upp frågan på arbetsplatsträffen.',
  other: 'Tack för att du tog dig tid att höra av dig. Vi har tagit upp det på arbetsplatsträffen.',
};
export const DELAY_REASONS = ['Utredningen tar längre tid än beräknat.', 'Vi behöver inhämta uppgifter från en annan förvaltning.'];
export const REOPEN_REASONS = ['Den klagande hörde av sig igen: problemet kvarstår.', 'Ny information kom in efter avslut.'];
export const TRANSFER_REASON = 'Gäller en annan enhet inom avdelningen.';
export const WITHDRAW_NOTE = 'Den klagande återkallade sitt ärende.';
export const NOT_RESOLVED_NOTE = 'Vi kunde inte tillgodose önskemålet inom ramen för verksamheten.';

export const CONFIRM_NOTE = 'Vi har inte hållit det vi lovat. Rättelse planeras.';
export const REJECT_REASONS = [
  'Åtagandet uppfylldes enligt dokumentationen; förseningen berodde på den klagandes egen ombokning.',
  'Händelsen ligger utanför det som garantin omfattar.',
];
export const REMEDY_ACTIONS = [
  'Enhetschefen ringer upp och ber om ursäkt, och bokar ett uppföljande möte.',
  'Genomgång av rutinen på nästa arbetsplatsträff.',
  'Det utlovade erbjuds snarast, med skriftlig bekräftelse.',
];
export const REMEDY_OUTCOMES = ['Samtal hållet; den klagande är nöjd med rättelsen.', 'Rutinen uppdaterad och all personal informerad.'];
