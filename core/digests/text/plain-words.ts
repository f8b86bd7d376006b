/**
 * Staff write "You said, we did" in their own words; young people read them. Before a text reaches the
 * CICC digest, well-known care-system jargon becomes everyday words (the councils' own glossaries for
 * children in care do the same) and a long sentence is split where it already has a natural break.
 * Nothing is summarised or dropped: only words with a plain equal are swapped.
 */
const GLOSSARY: [RegExp, string][] = [
  [/\bcorporate parenting (?:board|committee|panel)\b/gi, "the council's board for children in care"],
  [/\bcorporate parenting\b/gi, 'how the council looks after you'],
  [/\bunaccompanied asylum[- ]seeking (?:children|young people)\b|\bUASC\b/gi, 'young people who came to the UK alone'],
  [/\bpersonal education plans\b|\bPEPs\b/g, 'school plans'],
  [/\bpersonal education plan\b|\bPEP\b/gi, 'school plan'],
  [/\bpersonal advis[eo]rs\b/gi, 'leaving care workers'],
  [/\bpersonal advis[eo]r\b/gi, 'leaving care worker'],
  [/\bsafeguarding\b/gi, 'keeping safe'],
  [/\bstatutory\b/gi, 'legal'],
  [/\boutcomes\b/gi, 'results'],
  [/\btransitions\b/gi, 'moves'],
  [/\btransition\b/gi, 'move'],
  [/\brespite\b/gi, 'short breaks'],
  [/\ballocated\b/gi, 'given'],
  [/\bimmediately\b/gi, 'straight away'],
  [/\bconsequently,?/gi, 'so'],
  [/\b(?:furthermore|additionally),?/gi, 'also'],
  [/\binterventions\b/gi, 'help'],
  [/\bintervention\b/gi, 'help'],
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

/**
 * Plainer words the author may choose but the digest does not swap by itself (the right word depends on
 * the meaning): suggested beside the field when a shareable text reads above the CICC's limit.
 */
const SUGGEST: [RegExp, string][] = [
  [/\bindependent visitors?\b/gi, 'an adult friend from outside the council'],
  [/\bresidential (?:home|care|placement)s?\b/gi, "children's home"],
  [/\bcontact\b/gi, 'family time'],
  [/\bengagement\b/gi, 'taking part'],
  [/\bengage\b/gi, 'take part'],
  [/\bresponsibilit(?:y|ies)\b/gi, 'job'],
  [/\baccessible\b/gi, 'easy to use'],
  [/\bappropriate\b/gi, 'right'],
  [/\bindividuals\b/gi, 'people'],
  [/\bcommunication\b/gi, 'talking'],
  [/\brepresentatives\b/gi, 'people who speak for you'],
  [/\bevaluat(?:e|ion)\b/gi, 'check'],
  [/\bmonitor(?:ing)?\b/gi, 'check'],
  [/\bentitlements?\b/gi, 'what you can have'],
  [/\beligible\b/gi, 'able to get'],
  [/\bemotional wellbeing\b/gi, 'feelings'],
  [/\btherapeutic\b/gi, 'helping'],
  [/\bconsistent(?:ly)?\b/gi, 'the same each time'],
  [/\bsignificant(?:ly)?\b/gi, 'big'],
  [/\bdevelopment\b/gi, 'growing up'],
];

/** Plainer words for what the author wrote: the digest's own swaps first, then the suggestions, each once. */
export function plainerFor(text: string, max = 6): { from: string; to: string }[] {
  const out = new Map<string, string>();
  let work = text;
  for (const [from, to] of [...GLOSSARY, ...SUGGEST])
    work = work.replace(from, (m) => {
      const said = m.replace(/,$/, '').trim();
      if (said.toLowerCase() !== to.toLowerCase() && !out.has(said.toLowerCase())) out.set(said.toLowerCase(), to);
      return to;
    });
  return [...out].slice(0, max).map(([from, to]) => ({ from, to }));
}

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
