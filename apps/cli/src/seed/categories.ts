/**
 * The category of the managed list (GET /api/categories, the default list) that each topic of the demo texts falls
 * under: the seed registers cases the way intake does now, by the list, so the demo district shows every category.
 */
const TOPIC_CATEGORY: Record<string, string> = {
  Bemötande: 'bemotande',
  Information: 'information',
  Kommunikation: 'information',
  'E-tjänster': 'information',
  Tillgänglighet: 'tillganglighet',
  Öppettider: 'tillganglighet',
  Tider: 'tillganglighet',
  Transport: 'tillganglighet',
  Aktiviteter: 'kvalitet-i-verksamheten',
  Pedagogik: 'kvalitet-i-verksamheten',
  Omvårdnad: 'kvalitet-i-verksamheten',
  Kontinuitet: 'kvalitet-i-verksamheten',
  Bemanning: 'kvalitet-i-verksamheten',
  Delaktighet: 'kvalitet-i-verksamheten',
  Hygien: 'kvalitet-i-verksamheten',
  Mediciner: 'kvalitet-i-verksamheten',
  Kvalitetsgaranti: 'handlaggning-och-beslut',
  Beslut: 'handlaggning-och-beslut',
  Handläggningstid: 'handlaggning-och-beslut',
  Lokaler: 'miljo-och-lokaler',
  Utemiljö: 'miljo-och-lokaler',
  Städning: 'miljo-och-lokaler',
  Mat: 'mat-och-maltider',
  Inköp: 'mat-och-maltider',
  Föräldrasamverkan: 'ovrigt',
  Besök: 'ovrigt',
  Säkerhet: 'ovrigt',
};

/** The list category of a demo text's topic (Övrigt for a topic not named here). */
export const categoryOfTopic = (topic: string): string => TOPIC_CATEGORY[topic] ?? 'ovrigt';
