/**
 * Staff write "You said, we did" in their own words; young people read them. Before a text reaches the
 * CICC digest, well-known care-system jargon becomes everyday words (the councils' own glossaries for
 * children in care do the same) and a long sentence is split where it already has a natural break.
 * Nothing is summarised or dropped: only words with a plain equal are swapped.
 */
const GLOSSARY: [RegExp, string][] = [
  [/\blooked[- ]after (?:children|child|young people)\b/gi, 'children in care'],
  [/\b(?:LAC|CLA|CiC)\b(?: (?:children|young people))?/g, 'children in care'],
  [/\bcare experienced young people\b/gi, 'care leavers'],
  [/\bcorporate parents\b/gi, 'council leaders'],
  [/\bplacement stability\b/gi, 'staying in one home'],
  [/\bplacements\b/gi, 'homes'],
  [/\bplacement\b/gi, 'home'],
  [/\bIndependent Reviewing Officers\b|\bIROs\b/g, 'review chairs'],
  [/\bIndependent Reviewing Officer\b|\bIRO\b/g, 'review chair'],
  [/\bpathway plans\b/gi, 'plans for leaving care'],
  [/\bpathway plan(?:ning)?\b/gi, 'plan for leaving care'],
  [/\bmulti[- ]agency colleagues\b/gi, 'staff from other services'],
  [/\bmulti[- ]agency meetings\b/gi, 'meetings with other services'],
  [/\bmulti[- ]agency\b/gi, 'joint'],
  [/\bstakeholders\b/gi, 'people involved'],
  [/\bprotocols\b/gi, 'plans'],
  [/\bprotocol\b/gi, 'plan'],
  [/\bprocedures\b/gi, 'steps'],
  [/\bbudgetary requirements mean\b/gi, 'the budget means'],
  [/\bbudgetary requirements\b/gi, 'the budget'],
  [/\b(?:additional )?financial provision\b/gi, 'money'],
  [/\baccommodation provision\b/gi, 'housing'],
  [/\badvocacy provision\b/gi, 'advocacy'],
  [/\bassessment provision\b/gi, 'checks'],
  [/\bprovision\b/gi, 'support'],
  [/\b(?:the )?current financial year\b/gi, 'this year'],
  [/\bfinancial year\b/gi, 'year'],
  [/\bcommissioned\b/gi, 'paid for'],
  [/\bcommissioning\b/gi, 'buying services'],
  [/\bco-produced\b/gi, 'made'],
  [/\bin order to\b/gi, 'to'],
  [/\bwith regard to\b|\bregarding\b|\bin relation to\b/gi, 'about'],
  [/\bprior to\b/gi, 'before'],
  [/\bsubsequent to\b/gi, 'after'],
  [/\bimplemented\b/gi, 'started'],
  [/\bimplementing\b/gi, 'starting'],
  [/\bimplement\b/gi, 'start'],
  [/\bfacilitated\b/gi, 'helped'],
  [/\bfacilitating\b/gi, 'helping'],
  [/\bfacilitate\b/gi, 'help'],
  [/\butili[sz]ed\b/gi, 'used'],
  [/\butili[sz]ing\b/gi, 'using'],
  [/\butili[sz]e\b/gi, 'use'],
  [/\bcommenced\b/gi, 'started'],
  [/\bcommence\b/gi, 'start'],
  [/\bcommunicated\b/gi, 'told'],
  [/\bcommunicating\b/gi, 'telling'],
  [/\bcommunicate\b/gi, 'tell'],
  [/\bparticipated\b/gi, 'took part'],
  [/\bparticipating\b/gi, 'taking part'],
  [/\bparticipate\b/gi, 'take part'],
  [/\bparticipation\b/gi, 'taking part'],
  [/\bconsultation event\b/gi, 'event to ask young people'],
  [/\bconsultation\b/gi, 'asking you'],
  [/\bdemonstrated\b/gi, 'showed'],
  [/\bdemonstrate\b/gi, 'show'],
  [/\bestablished\b/gi, 'set up'],
  [/\bestablish\b/gi, 'set up'],
  [/\benhanced\b/gi, 'improved'],
  [/\benhance\b/gi, 'improve'],
  [/\bidentified\b/gi, 'found'],
  [/\bidentify\b/gi, 'find'],
  [/\bapproximately\b/gi, 'about'],
  [/\badditional\b/gi, 'more'],
  [/\bsufficient\b/gi, 'enough'],
  [/\baccommodation\b/gi, 'housing'],
  [/\bexpenditure\b/gi, 'spending'],
  [/\brequirements\b/gi, 'needs'],
  [/\bassessments\b/gi, 'checks'],
  [/\bassessment\b/gi, 'check'],
  [/\binitiatives\b/gi, 'projects'],
  [/\binitiative\b/gi, 'project'],
  [/\bcolleagues\b/gi, 'staff'],
  [/\bpractitioners\b/gi, 'workers'],
  [/\bpractitioner\b/gi, 'worker'],
  [/\brecruitment\b/gi, 'hiring'],
  [/\bensure\b/gi, 'make sure'],
  [/\bopportunities\b/gi, 'chances'],
  [/\bopportunity\b/gi, 'chance'],
  [/\bsubsequently\b/gi, 'then'],
  [/\bhowever,?/gi, 'but'],
  [/\btherefore,?/gi, 'so'],
  [/\bcurrently\b/gi, 'now'],
  [/\bnevertheless,?/gi, 'still'],
];

const LONG = 14;

/** Splits a sentence of more than LONG words at its own breaks (";", ", and", ", so", ", but", ", which", " because"). */
function splitLong(sentence: string): string[] {
  if (sentence.split(/\s+/).length <= LONG) return [sentence];
  const parts = sentence.split(/;\s+|,\s+(?=(?:and|so|but|which|because|as|while|with)\b)|\s+(?=because\b)/i).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return [sentence];
  return parts.map((p) => {
    const words = p.replace(/^(?:and|which|while|with)\s+/i, '');
    const s = words.charAt(0).toUpperCase() + words.slice(1);
    return /[.!?]$/.test(s) ? s : `${s}.`;
  });
}

/** The text in everyday words, long sentences split at their natural breaks. */
export function plainWords(text: string): string {
  let out = text;
  const startsSentence = (whole: string, at: number) => at === 0 || /[.!?]\s*$/.test(whole.slice(0, at));
  for (const [from, to] of GLOSSARY) out = out.replace(from, (_m, ...rest) => (startsSentence(rest[rest.length - 1] as string, rest[rest.length - 2] as number) ? to.charAt(0).toUpperCase() + to.slice(1) : to));
  out = out.replace(/\bthe the\b/gi, 'the').replace(/\s{2,}/g, ' ').trim();
  const sentences = out.match(/[^.!?]+[.!?]*/g) ?? [out];
  return sentences.flatMap((s) => splitLong(s.trim())).join(' ');
}
