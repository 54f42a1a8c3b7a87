import { DemoUnit, emailOf, UnitKind } from './district';

export interface DemoCommitment {
  id: string;
  text: string;
  responseWorkingDays?: number;
  /** What a user writes when the promise was not kept. */
  complaint: string;
  /** What the unit's own follow-up found. */
  finding: string;
}

interface Template {
  intro: string;
  commitments: DemoCommitment[];
  remedy: string;
}

const svar = (days: number): DemoCommitment => ({
  id: 'svar',
  text: `Du får svar på dina synpunkter och klagomål inom ${days === 3 ? 'tre' : 'fem'} arbetsdagar.`,
  responseWorkingDays: days,
  complaint: 'Jag lämnade ett klagomål för flera veckor sedan och har fortfarande inte fått något svar, trots er garanti.',
  finding: 'Vid genomgång av diariet framkom att ett klagomål besvarats först efter tre veckor.',
});

const TEMPLATES: Record<UnitKind, Template> = {
  forskola: {
    intro: 'Hos oss ska ditt barn känna sig tryggt, bli sett och få leka, utforska och lära tillsammans med andra.',
    commitments: [
      {
        id: 'inskolning',
        text: 'Ditt barn får en inskolning anpassad efter barnets behov och ni erbjuds ett inskolningssamtal inom sex veckor.',
        complaint: 'Vi har inte fått något inskolningssamtal fast det snart gått två månader sedan vår son började.',
        finding: 'Egenkontrollen visade att tre familjer inte erbjudits inskolningssamtal inom sex veckor.',
      },
      {
        id: 'utvecklingssamtal',
        text: 'Du erbjuds ett utvecklingssamtal om ditt barns utveckling och lärande minst en gång per termin.',
        complaint: 'Vi har inte erbjudits något utvecklingssamtal den här terminen.',
        finding: 'En avdelning har inte genomfört utvecklingssamtal under vårterminen på grund av personalbrist.',
      },
      {
        id: 'information',
        text: 'Du får information om verksamheten varje månad genom månadsbrev och lärplattformen.',
        complaint: 'Det har inte kommit något månadsbrev sedan i våras.',
        finding: 'Månadsbrev har inte skickats ut under två månader.',
      },
      svar(5),
    ],
    remedy:
      'Om vi inte håller det vi lovar kontaktar förskolechefen dig inom en vecka. Du får en förklaring, och vi berättar vad vi gör för att rätta till det och förhindra att det händer igen.',
  },
  lss: {
    intro:
      'Du som bor eller är hos oss ska känna dig trygg och delaktig. Genom delaktighetsmodellen påverkar du hur verksamheten utvecklas.',
    commitments: [
      {
        id: 'kontaktman',
        text: 'Du får en kontaktman inom två veckor efter att insatsen har börjat.',
        complaint: 'Min bror flyttade in för en månad sedan och har fortfarande ingen kontaktman.',
        finding: 'Vid uppföljningen saknade en nyinflyttad brukare kontaktman efter tre veckor.',
      },
      {
        id: 'genomforandeplan',
        text: 'Du är delaktig i din genomförandeplan. Den upprättas inom sex veckor och följs upp minst två gånger per år.',
        complaint: 'Genomförandeplanen har inte följts upp på över ett år och min dotter har inte fått vara med.',
        finding: 'Två genomförandeplaner hade inte följts upp inom ett halvår.',
      },
      {
        id: 'husmote',
        text: 'Du får vara med och påverka genom husmöten minst en gång i månaden.',
        complaint: 'Det har inte varit något husmöte sedan i vintras.',
        finding: 'Husmöten har inte hållits under sommarmånaderna.',
      },
      svar(5),
    ],
    remedy:
      'Om vi inte uppfyller en garanti kontaktar enhetschefen dig inom fem arbetsdagar för att tillsammans med dig komma överens om hur bristen rättas till.',
  },
  myndighet: {
    intro: 'Vi utreder och fattar beslut om stöd. Du ska bli bemött med respekt och få veta hur ditt ärende går.',
    commitments: [
      {
        id: 'forsta-besok',
        text: 'Du får en tid för ett första besök inom tio arbetsdagar från att du kontaktat oss.',
        complaint: 'Jag ringde för tre veckor sedan och har fortfarande inte fått någon tid för besök.',
        finding: 'Väntetiden till första besök var under oktober upp till femton arbetsdagar.',
      },
      {
        id: 'beslut',
        text: 'Du får ett beslut inom tio arbetsdagar från att din ansökan är komplett.',
        complaint: 'Min ansökan var komplett för över en månad sedan och jag har inte fått något beslut.',
        finding: 'Fyra beslut fattades senare än tio arbetsdagar efter komplett ansökan.',
      },
      { ...svar(3), text: 'Du får svar på dina synpunkter och klagomål inom tre arbetsdagar.' },
    ],
    remedy:
      'Om vi inte håller vår garanti ringer gruppledaren upp dig senast nästa arbetsdag, förklarar vad som hänt och ser till att ditt ärende prioriteras.',
  },
  hemtjanst: {
    intro: 'Vi ger dig stöd i vardagen så att du kan bo kvar hemma tryggt och på dina egna villkor.',
    commitments: [
      {
        id: 'tider',
        text: 'Du vet när vi kommer. Blir vi mer än 30 minuter försenade ringer vi dig.',
        complaint: 'Hemtjänsten kom nästan två timmar för sent i morse och ingen ringde till min mamma.',
        finding: 'Planeringssystemet visar sju besök med mer än 30 minuters försening utan att brukaren kontaktats.',
      },
      {
        id: 'kontaktperson',
        text: 'Du får en namngiven kontaktperson inom en vecka från att insatsen har startat.',
        complaint: 'Min pappa har haft hemtjänst i en månad men vet fortfarande inte vem som är hans kontaktperson.',
        finding: 'Två nya brukare saknade kontaktperson efter två veckor.',
      },
      {
        id: 'genomforandeplan',
        text: 'Du är med och planerar hur hjälpen ges. Genomförandeplanen upprättas inom tre veckor.',
        complaint: 'Ingen har pratat med oss om någon genomförandeplan.',
        finding: 'Genomförandeplan saknades för fem brukare efter tre veckor.',
      },
      svar(5),
    ],
    remedy:
      'Om vi inte håller det vi lovar kontaktar enhetschefen dig inom tre arbetsdagar. Du får en förklaring och vi kommer överens om hur vi rättar till det.',
  },
  boende: {
    intro: 'Hos oss ska du få en meningsfull vardag, god mat och omsorg av personal som känner dig.',
    commitments: [
      {
        id: 'aktivitet',
        text: 'Du erbjuds minst en aktivitet varje dag, även på helger.',
        complaint: 'Under hela helgen erbjöds inga aktiviteter alls på min mammas avdelning.',
        finding: 'Aktivitetsloggen visar att inga aktiviteter erbjöds på en avdelning under två helger.',
      },
      {
        id: 'utevistelse',
        text: 'Du erbjuds utevistelse minst två gånger i veckan.',
        complaint: 'Min pappa har inte varit ute på tre veckor fast han vill.',
        finding: 'Fem boende har inte erbjudits utevistelse två gånger i veckan under sommaren.',
      },
      {
        id: 'maltider',
        text: 'Du kan välja mellan två rätter till lunch och middag.',
        complaint: 'Det har bara funnits en rätt att välja på i flera veckor.',
        finding: 'Köket har under en period bara kunnat erbjuda en rätt vid middagen.',
      },
      { ...svar(5), responseWorkingDays: undefined, text: 'Du får svar på dina synpunkter och klagomål inom två veckor.' },
    ],
    remedy:
      'Om vi inte uppfyller en garanti kontaktar enhetschefen dig eller din närstående inom en vecka för att tillsammans komma fram till hur vi rättar till det.',
  },
};

export interface DemoGuarantee {
  id: string;
  unitId: string;
  body: Record<string, unknown>;
  commitments: DemoCommitment[];
}

export function guaranteeFor(unit: DemoUnit, year: number): DemoGuarantee {
  const t = TEMPLATES[unit.kind];
  return {
    id: `${unit.id}-${year}`,
    unitId: unit.id,
    commitments: t.commitments,
    body: {
      unitId: unit.id,
      year,
      title: `Kvalitetsgaranti för ${unit.name} ${year}`,
      intro: t.intro,
      commitments: t.commitments.map(({ id, text, responseWorkingDays }) => ({ id, text, responseWorkingDays })),
      remedy: t.remedy,
      contact: { name: `${unit.manager}, enhetschef`, phone: unit.phone, email: emailOf(unit.manager) },
    },
  };
}
