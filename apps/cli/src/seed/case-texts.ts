import { UnitKind } from './district';

export type CaseType = 'complaint' | 'opinion' | 'praise' | 'idea';
type Texts = Record<CaseType, [category: string, text: string][]>;

/** What people write, by kind of unit and type of feedback. */
export const CASE_TEXTS: Record<UnitKind, Texts> = {
  forskola: {
    complaint: [
      ['Mat', 'Maten på förskolan har varit kall flera dagar i rad och barnen har fått för lite.'],
      ['Bemötande', 'Personalen var otrevlig mot mig vid hämtningen och lyssnade inte på vad jag sa.'],
      ['Säkerhet', 'Grinden till gården stod öppen när jag kom och lämnade, och ingen personal var ute.'],
      ['Lokaler', 'Det är mögelfläckar i taket på småbarnsavdelningen.'],
      ['Information', 'Vi fick veta om stängningsdagen bara två dagar innan.'],
    ],
    opinion: [
      ['Öppettider', 'Förskolan borde öppna halv sju, många av oss börjar jobba tidigt.'],
      ['Utemiljö', 'Gården behöver mer skugga på sommaren.'],
      ['Information', 'Lärplattformen är svår att använda, det vore bra med papperslappar ibland.'],
    ],
    praise: [
      ['Bemötande', 'Stort tack till personalen på Blåbäret som tagit så fint hand om vår dotter under inskolningen.'],
      ['Pedagogik', 'Temat om vatten i våras var fantastiskt, barnen pratar fortfarande om det.'],
      ['Mat', 'Kocken gör ett fantastiskt jobb, min son äter grönsaker nu!'],
    ],
    idea: [
      ['Utemiljö', 'Ni kunde anlägga en odlingslåda på gården så att barnen får följa hur saker växer.'],
      ['Föräldrasamverkan', 'Ordna gärna en föräldrafika en gång per termin.'],
    ],
  },
  lss: {
    complaint: [
      ['Bemötande', 'Min son blev tillsagd på ett nedlåtande sätt inför de andra boende.'],
      ['Bemanning', 'Det är ofta vikarier som inte känner min dotter och inte vet hur hon kommunicerar.'],
      ['Aktiviteter', 'De planerade utflykterna ställs in gång på gång.'],
      ['Mediciner', 'Min bror fick inte sin kvällsmedicin i tid i lördags.'],
    ],
    opinion: [
      ['Aktiviteter', 'Det borde finnas fler aktiviteter på kvällar och helger.'],
      ['Delaktighet', 'Husmötena borde hållas på en tid då fler anhöriga kan vara med.'],
      ['Transport', 'Färdtjänsten till dagliga verksamheten kommer ofta sent.'],
    ],
    praise: [
      ['Bemötande', 'Personalen är fantastisk, min son trivs verkligen och har utvecklats mycket.'],
      ['Delaktighet', 'Delaktighetsmodellen fungerar så bra, min dotter känner att hon bestämmer.'],
    ],
    idea: [
      ['Aktiviteter', 'Starta gärna en musikgrupp, flera av de boende älskar att sjunga.'],
      ['Kommunikation', 'Använd bildstöd på veckoschemat i köket.'],
    ],
  },
  myndighet: {
    complaint: [
      ['Handläggningstid', 'Jag har väntat i över en månad på beslut och har inga pengar till hyran.'],
      ['Bemötande', 'Handläggaren var otrevlig och ifrågasatte allt jag sa.'],
      ['Tillgänglighet', 'Det går aldrig att komma fram på telefontiden.'],
      ['Beslut', 'Jag förstår inte varför jag fick avslag, ingen har förklarat.'],
    ],
    opinion: [
      ['Tillgänglighet', 'Telefontiden är för kort, en timme om dagen räcker inte.'],
      ['Information', 'Breven ni skickar är svåra att förstå.'],
      ['E-tjänster', 'Det borde gå att skicka in kompletteringar digitalt.'],
    ],
    praise: [
      ['Bemötande', 'Tack till min handläggare som lyssnade och hjälpte mig hela vägen.'],
      ['Handläggningstid', 'Snabbt och bra beslut, tack.'],
    ],
    idea: [
      ['E-tjänster', 'Inför en chatt så att man kan ställa enkla frågor utan att ringa.'],
      ['Information', 'Gör en film på lätt svenska om hur man ansöker.'],
    ],
  },
  hemtjanst: {
    complaint: [
      ['Tider', 'Hemtjänsten kommer på helt olika tider varje dag och min mamma blir orolig.'],
      ['Kontinuitet', 'Min pappa har träffat över tjugo olika personal på två veckor.'],
      ['Städning', 'Städningen blir inte gjord ordentligt, det är smutsigt i badrummet.'],
      ['Bemötande', 'Personalen pratar i telefon under besöken och hälsar knappt.'],
      ['Inköp', 'Fel varor handlades och kvittot saknades.'],
    ],
    opinion: [
      ['Kontinuitet', 'Det vore bra om samma personer kom oftare.'],
      ['Tider', 'Morgonbesöket borde komma tidigare, min mamma vill upp före åtta.'],
      ['Mat', 'Matlådorna är för stora och mycket slängs.'],
    ],
    praise: [
      ['Bemötande', 'Vill berömma Fatima och Jonas som alltid är så glada och omtänksamma.'],
      ['Kontinuitet', 'Tack för att ni hjälpte min mor så fint när hon kom hem från sjukhuset.'],
    ],
    idea: [
      ['Aktiviteter', 'Ordna promenadgrupper för oss som har hemtjänst, vi är många som är ensamma.'],
      ['Information', 'Skicka veckans schema med namn på personalen.'],
    ],
  },
  boende: {
    complaint: [
      ['Omvårdnad', 'Min mamma hade inte fått hjälp med dusch på över en vecka.'],
      ['Mat', 'Maten serveras kall och min pappa får inte hjälp att äta.'],
      ['Bemanning', 'Det är för lite personal på kvällarna, larmen tar lång tid att besvara.'],
      ['Hygien', 'Sängkläderna har inte bytts på länge.'],
    ],
    opinion: [
      ['Aktiviteter', 'Det borde finnas fler aktiviteter för de som inte kan gå ut själva.'],
      ['Besök', 'Besökstiderna är för snäva för oss som arbetar.'],
      ['Mat', 'Det vore bra med husmanskost oftare.'],
    ],
    praise: [
      ['Omvårdnad', 'Tack för den fina vården av min far under hans sista tid.'],
      ['Aktiviteter', 'Midsommarfirandet på gården var så fint ordnat.'],
    ],
    idea: [
      ['Aktiviteter', 'Bjud in förskolebarnen från grannskapet att sjunga för de boende.'],
      ['Utemiljö', 'Sätt upp fler bänkar i trädgården så att fler orkar gå ut.'],
    ],
  },
};
