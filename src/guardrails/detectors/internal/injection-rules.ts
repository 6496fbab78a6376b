/**
 * The static injection layer's rules. Each matches normalised text (see
 * normalise.ts: lower case, lookalikes and leetspeak folded, whitespace runs
 * single) and belongs to a family; a family's rules add up to at most its cap,
 * so a benign role-play ("act as a travel agent and stay in character") never
 * reaches a blocking score on persona words alone.
 *
 * Patterns are linear: alternations of literals, bounded gaps of whole words
 * (`GAP(n)`), no nested unbounded repetition.
 */

export type InjectionLabel = "instruction-override" | "role-play" | "delimiter" | "system-prompt" | "encoded-payload";

export interface Family {
  label: InjectionLabel;
  cap: number;
}

export const FAMILIES = {
  override: { label: "instruction-override", cap: 0.95 },
  refusal: { label: "instruction-override", cap: 0.5 },
  authority: { label: "instruction-override", cap: 0.4 },
  persona: { label: "role-play", cap: 0.4 },
  jailbreakPersona: { label: "role-play", cap: 0.9 },
  restriction: { label: "role-play", cap: 0.6 },
  unfiltered: { label: "role-play", cap: 0.6 },
  dual: { label: "role-play", cap: 0.6 },
  systemPrompt: { label: "system-prompt", cap: 0.9 },
  delimiter: { label: "delimiter", cap: 0.8 },
  encoded: { label: "encoded-payload", cap: 0.9 },
} as const satisfies Record<string, Family>;

export type FamilyName = keyof typeof FAMILIES;

export interface Rule {
  id: string;
  family: FamilyName;
  weight: number;
  /** Substrings every match contains (one of them at least): a rule whose anchors are all absent is not run. */
  anchors: readonly string[];
  pattern: RegExp;
}

/** Up to `n` whole words, each followed by one space or line break (a comma may end a word). */
const GAP = (n: number) => `(?:[\\w'-]+,?\\s){0,${n}}`;
const rule = (id: string, family: FamilyName, weight: number, anchors: readonly string[], source: string): Rule => ({ id, family, weight, anchors, pattern: new RegExp(source, "g") });

/** Not after a negation: "don't forget to run these commands" is a reminder. */
const OVERRIDE_VERB = "(?<!(?:don't|do not|never|not|didn't|won't|can't|cannot) )(?:ignore|disregard|forget|override|overrule|bypass|abandon|discard|neglect|set aside|throw out|erase|delete)";
const EARLIER = "(?:previous|prior|above|earlier|preceding|former|initial|original|old|all|any|every|your|these|those|system|developer|safety|the)";
const INSTRUCTIONS =
  "(?:instructions?|rules|prompts?|directives?|guidelines|guidance|context|programming|directions|commands|constraints|restrictions|polic(?:y|ies)|filters|training|orders|conditioning|guardrails|safeguards)";
const AI_NOUN = "(?:ai|a\\.i\\.|chatbot|bot|language model|llm|model|assistant|gpt|chatgpt)";
const ETHICS = "(?:ethic(?:s|al)?|moral(?:s|ity)?|principles|censorship|content polic(?:y|ies)|filters|filtering|safeguards|guardrails|programming|guidelines)";
const LIMITS = "(?:rules|restrictions|limitations|limits|boundaries|constraints|polic(?:y|ies))";
const FREE_OF =
  "(?:without|free (?:of|from)|no longer (?:bound|restricted|limited) by|not (?:bound|restricted|limited) (?:by|to)|unbound by|released from|liberated from|break(?:s|ing)? free (?:of|from)|disregard(?:s|ing)?|ignor(?:es|ing)|(?:doesn't|does not|don't|do not|never|won't|will not) (?:care about|have|follow|obey|abide by|respect|adhere to)|devoid of|lacks?|no)";

export const RULES: readonly Rule[] = [
  // "Ignore all previous instructions", "disregard your rules", "forget the above context".
  rule("override-instructions", "override", 0.9, ["ignor", "disregard", "forget", "overrid", "overrul", "bypass", "abandon", "discard", "neglect", "set aside", "throw out", "erase", "delete"], `\\b${OVERRIDE_VERB}\\s${GAP(3)}${EARLIER}\\s${GAP(2)}${INSTRUCTIONS}\\b`),
  rule("forget-everything", "override", 0.6, ["forget", "ignor", "disregard"], `\\b(?:forget|ignore|disregard) (?:everything|all of that|all that|anything) (?:you(?:'ve| have)? (?:been )?(?:told|learned|learnt|were told)|above|before|so far|previously)\\b`),
  rule("new-instructions", "override", 0.6, ["instruction", "rule", "directive", "your "], `\\b(?:new|updated|real|actual|true|secret|hidden|override) (?:system )?(?:instructions?|rules|directives?)(?: are| is)?\\s?:|\\byour (?:new|real|true|actual) (?:instructions?|task|goal|purpose|role|objective|directives?) (?:is|are)\\b`),
  rule("do-not-follow", "override", 0.6, ["follow", "obey", "adher", "comply", "listen"], `\\b(?:do not|don't|never|stop) (?:follow(?:ing)?|obey(?:ing)?|adher(?:e|ing) to|comply(?:ing)? with|listen(?:ing)? to) (?:your|its|any|those|these|the previous|the prior|the original|the system|openai's|anthropic's|the) (?:\\w+\\s){0,2}?${INSTRUCTIONS}\\b`),
  rule("obey-all", "override", 0.5, ["obey", "comply", "follow", "execute"], `\\b(?:you must|you will|you shall|you have to|you are required to) (?:now |always )?(?:obey|comply with|follow|execute) (?:all|every|any|each) (?:of )?(?:my |the user's |user )?(?:orders|commands|instructions|requests|prompts)\\b`),
  // Refusal suppression: "never refuse", "never tell the user it can't", "no warnings or disclaimers".
  rule("never-refuse", "refusal", 0.45, ["refuse", "decline", "reject", "deny"], `\\b(?:never|not|don't|do not|won't|will not|must not|mustn't|cannot|can't|shall not) (?:ever )?(?:refuse|decline|reject|deny) (?:a |any |to |the |my )`),
  rule("never-say-cannot", "refusal", 0.45, ["never "], `\\bnever (?:tell|say|mention|inform|respond|reply|answer) ${GAP(3)}(?:that )?(?:it|he|she|they|you|i) (?:can't|cannot|can not|isn't able|is not able|is unable|are unable|won't)\\b`),
  rule("no-disclaimers", "refusal", 0.4, ["warning", "disclaimer", "caveat", "moraliz", "moralis", "lecture", "apolog"], `\\b(?:without|no|never (?:add|include|give|use)|don't (?:add|include|give)) (?:any )?(?:warnings?|disclaimers?|caveats|moralizing|moralising|lectures?|apolog(?:y|ies|ize|ise))\\b`),
  rule("approved-by-vendor", "authority", 0.4, ["openai", "anthropic", "google", "your "], `\\b(?:approved|authorized|authorised|sanctioned|permitted|allowed|sponsored) by (?:explicitly )?(?:openai|anthropic|google|your (?:developers|creators|makers|administrators))\\b|\\b(?:openai|anthropic) (?:has|have) (?:approved|authorized|authorised|allowed|permitted)\\b`),

  // Role-play escapes.
  rule("dan", "jailbreakPersona", 0.85, ["do anything now", "dan"], `\\bdo anything now\\b|\\b(?:better)?dan (?:mode|prompt|jailbreak)\\b|\\bbetterdan\\b|\\b(?:act as|you are|you're|become|pretend to be|simulate|roleplay as|role-play as|play as) (?:now )?(?:a |the )?dan\\b`),
  rule("developer-mode", "jailbreakPersona", 0.8, [" mode"], `\\b(?:simulate|stay in|you are in|act in|remain in|pretend (?:to be in|you are in)|with) (?:the )?(?:developer|dev|debug|admin|god) mode\\b|\\b(?:developer|dev|god) mode (?:enabled|output|response|activated)\\b|\\b(?:enable|activate|enter|switch to|turn on|simulate) (?:the )?(?:jailbreak|jailbroken|unrestricted|unfiltered|uncensored|evil|dan|god) mode\\b`),
  rule("jailbreak-word", "jailbreakPersona", 0.35, ["jailbr"], `\\bjailbr(?:eak|oken|eaking)\\b`),
  rule("persona-now", "persona", 0.3, ["you are", "you're", "from now on"], `\\b(?:you are|you're) (?:now |going to be |about to (?:be|become|simulate|play|act|immerse) |going to (?:act|play|pretend|simulate) )|\\bfrom now on,? you(?: will| are|'ll|'re| shall| must| should)?\\b`),
  rule("act-as-ai", "persona", 0.3, ["as ", "like "], `\\b(?:act|acting|behave|respond|answer) (?:as|like) (?:if you (?:are|were) )?(?:a |an |the )?${GAP(4)}${AI_NOUN}\\b`),
  rule("simulate", "persona", 0.3, ["simulat", "roleplay", "role-play", "role play", "impersonat", "play the role", "act as", "pretend to be"], `\\b(?:you will|you'll|you are going to|i want you to|you must|please|now|let's) (?:now )?(?:simulate|roleplay|role-play|role play|impersonate|play the role|act as|pretend to be)\\b|\\bsimulate (?:a |an |the )?${GAP(3)}(?:${AI_NOUN}|conversation|personality|character)s?\\b|\\bplay the role of\\b`),
  rule("stay-in-character", "persona", 0.3, ["character"], `\\b(?:stay|remain|keep) in character\\b|\\b(?:never|don't|do not|not) break (?:out of )?character\\b`),
  rule("named-persona", "persona", 0.3, ["named", "called", "known as"], `\\b(?:named|called|known as) "?[a-z0-9-]{2,20}"?,? (?:who|which|that) (?:always|never|doesn't|does not|has no|is not|will|hates|loves|can)\\b`),
  rule("restriction-ethics", "restriction", 0.45, ["ethic", "moral", "principles", "censorship", "polic", "filter", "safeguard", "guardrail", "programming", "guideline"], `\\b${FREE_OF} (?:any |all |the |its |your |their |of |openai's |anthropic's |open ai's )?${GAP(3)}${ETHICS}\\b`),
  rule("restriction-limits", "restriction", 0.3, ["rule", "restriction", "limit", "boundar", "constraint", "polic"], `\\b${FREE_OF} (?:any |all |the |its |your |their |of |openai's |anthropic's |open ai's )?${GAP(3)}${LIMITS}\\b`),
  rule("hates-ethics", "restriction", 0.45, ["ethical", "moral", "responsible", "safe", "harmless"], `\\b(?:hates?|despises?|refuses? to be|doesn't care about being|does not care about being|never) (?:being )?(?:ethical|moral|responsible|safe|harmless)\\b`),
  rule("everything-legal", "restriction", 0.45, ["legal", "allowed", "permitted", "acceptable", "ok", "off", "forbidden", "prohibited"], `\\b(?:everything|anything) is (?:legal|allowed|permitted|acceptable|ok)\\b|\\bnothing is (?:illegal|off[- ]limits|forbidden|prohibited)\\b`),
  rule("unfiltered-ai", "unfiltered", 0.5, ["unfilter", "uncensor", "unrestrict", "unlimit", "amoral", "unethical", "immoral", "jailbroken", "unhinged", "rogue", "lawless", "unbound", "unchained"], `\\b(?:unfiltered|uncensored|unrestricted|unlimited|amoral|unethical|immoral|jailbroken|unhinged|rogue|lawless|unbound|unchained)\\b(?:,? (?:and |or )?${GAP(2)})?\\s?(?:${AI_NOUN}|responses?|answers?|replies|output|version of (?:yourself|you|chatgpt))\\b`),
  rule("dual-response", "dual", 0.35, ["two ", "2 "], `\\b(?:two|2) (?:different |separate |distinct )?(?:responses|answers|ways|personalities|manners|paragraphs|outputs|versions)\\b`),
  rule("persona-tags", "dual", 0.35, ["["], `\\[(?:gpt|chatgpt|classic|normal|jailbreak|jailbroken|dan|betterdan|developer mode output|🔒|🔓)[^\\]\\n]{0,20}\\]`),

  // System prompt extraction.
  rule("reveal-system-prompt", "systemPrompt", 0.85, ["prompt", "instructions", "message"], `\\b(?:reveal|show|print|display|repeat|output|tell|leak|dump|give|share|expose|disclose|list|recite|write out|spell out|paste|what (?:is|are|was|were)|what's)\\s${GAP(4)}(?:system prompt|system message|system instructions|pre-?prompt|initial prompt|hidden prompt|secret instructions|hidden instructions|developer (?:message|prompt|instructions)|instructions you were given)\\b`),
  rule("reveal-your-rules", "systemPrompt", 0.7, ["your "], `\\b(?:reveal|print|repeat|output|leak|dump|disclose|recite|spell out)\\s${GAP(2)}your (?:\\w+\\s){0,2}?(?:instructions|rules|guidelines|directives|programming|configuration|prompt)\\b`),
  rule("repeat-above", "systemPrompt", 0.6, ["verbatim", "word for word", "exactly", "starting"], `\\b(?:repeat|print|output|return|copy|reproduce) ${GAP(3)}(?:above|preceding|before this|everything|all of it|the text above)\\s${GAP(3)}(?:verbatim|word for word|exactly|starting (?:with|from))\\b`),

  // Delimiter and role-header breaking.
  rule("chat-template-token", "delimiter", 0.7, ["<", "[inst]", "[/inst]"], `<\\|(?:im_start|im_end|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id)\\|>|\\[/?inst\\]|<</?sys>>|</?(?:system|sys|system_prompt|instructions?|admin|developer)>`),
  rule("role-header", "delimiter", 0.6, ["system", "admin", "developer"], `(?:^|\\n)\\s?(?:#{1,6} ?|\\[|\\{|<|\\(|-{2,} ?|={2,} ?)(?:system|admin|administrator|developer)(?: ?(?:prompt|message|override|note|instructions?|mode))?\\s?[:\\]}>)]`),
  rule("plain-role-header", "delimiter", 0.3, ["system", "admin", "developer"], `(?:^|\\n)\\s?(?:system|admin|developer)(?: ?(?:prompt|message|override|note|instructions?))?:`),
  rule("end-of-prompt", "delimiter", 0.6, ["end of", "close of", "begin", "start"], `\\b(?:end|close) of (?:the )?(?:system|user|previous|original) (?:prompt|message|instructions|input)\\b|\\b(?:begin|start|starting) (?:a )?(?:new|admin|developer|system|privileged) (?:session|instructions|prompt|mode)\\b`),

  // Encoded payloads asked to be run.
  rule("decode-and-follow", "encoded", 0.5, ["decode", "decipher", "translate", "convert"], `\\b(?:decode|decipher|translate|convert) ${GAP(3)}(?:and|then) ${GAP(1)}(?:follow|execute|run|do|obey|carry out|act on)\\b`),
];
