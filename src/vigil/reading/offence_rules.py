"""The offences the reader knows, each declared as its points to prove with the words that show them.

Codes and names come from the catalogue (vigil.catalogue); the legal elements are the statutory
"points to prove" as summarised in domain.md section 2 and the HOCR offence-group documents. The
cue words are written against the normalised text (text.py: lower case, shorthand expanded).
"""

from __future__ import annotations

from vigil.reading.points import ACT, PERSON, PRESUMED, PROPERTY, STATE, STATEMENT, OffenceRule, Point, pattern
from vigil.reading.society_rules import SOCIETY_RULES

# "break your legs", "kick his head in", "shank you": threatened violence as people word it
def _violent_threat_words(your: str, you: str) -> str:
    return (rf"(?:break {your} (?:legs|neck|jaw|arms?|face|nose)|kick {your} (?:head|teeth|face) in|smash {your} (?:face|head) in|"
            rf"knock {your} (?:teeth|head|block) (?:out|in|off)|rip (?:that|{your}) (?:[\w']+ ){{0,3}}off|batter {you}|do {you} in|"
            rf"shank {you}|stab {you}|jump {you}|drag {you} out|cut {you} up|split {your} (?:head|face)(?: open)?)")


# spoken to the victim ("break your legs"): a threat however it is reported
VIOLENT_THREAT_WORDS = (r"(?:" + _violent_threat_words(r"(?:your|ur)", r"(?:you|u)") + "|"
                        r"(?:face|head) split open|(?:getting|get|gets|gonna get|going to get) (?:ur |your |his |her )?(?:face |head )?(?:split|cut|stabbed|hurt|battered|done in|shanked|smashed)|"
                        r"(?:you'll|you will|u will|u'll) (?:get|be) (?:hurt|stabbed|cut|battered|done)|put (?:you|u|her|him) in (?:hospital|a wheelchair)|"
                        r"(?:you'll|you will|you're going to|your going to|ur going to) get (?:hurt|what's coming|whats coming)|watch (?:your|ur) back|know where (?:you|u) live|(?:ur|you're|your|you are) next|dead (?:man|woman) walking|"
                        r"(?:gonna|going to|will|i'll|ill) smash (?:your|ur) face|(?:we'll|i'll|he'll|they'll|we will|i will|gonna|going to) (?:[\w*']+ )?do (?:you|u)\b|(?:windows|face) (?:is |are )?(?:getting|gonna get) (?:put|smashed|done))")
# about someone else ("he'd break his legs"): a threat when it is reported as said
REPORTED_VIOLENT_THREAT = (r"(?:said|says|saying|shouted|shouting|screamed|screaming|yelled|threatened|threatening|told (?:him|her|them)|that) (?:[\w']+ ){0,5}"
                           + _violent_threat_words(r"(?:his|her|their)", r"(?:him|her|them)"))
HIM_HER = r"(?:her|him|them|me|the injured party|injured party|the victim|the caller|the informant|his \w+|her \w+|their \w+|[a-z]+)"
_OBJECTS = (r"(?:the |a |an |his |her |their |my |its |\w+'s )?(?:front |back |rear |bedroom |kitchen |patio |car |van |wing |side |living room |garden )?"
            r"(?:door|doors|car|van|vehicle|window|windows|wall|walls|fence|gate|bin|bins|tv|television|mirror|mirrors|windscreen|"
            r"table|property|glass|panel|cupboard|furniture|tyres?|wheel|bike|counter|ball|shutter|screen|ceiling|floor|can|cans|bottle|bottles|football|stones?|lock|locks)\b")
_PINT = r"(?:pint )?(?:glass|pot|bottle)"


def _glassing(verbs: str, into: str, whose: str) -> tuple[str, str]:
    """A glass or bottle driven into someone's face, told from the attacker ("smashed a pint pot into the side of
    his face") and from the glass ("bottle smashed into her face"). Read as force (FORCE), as serious harm
    intended (SERIOUS_INJURY) and as the weapon rather than damaged property (DAMAGE_CONTRARY)."""
    return (rf"(?:{verbs}) (?:a |an |his |her |the |their )?{_PINT}(?: \w+)? (?:{into}) (?:the side of )?(?:{whose}) (?:face|head|neck)",
            rf"{_PINT} (?:was )?(?:smashed|shoved|rammed|pushed) (?:{into}) (?:the side of )?(?:his|her|my|their) (?:face|head|neck)")


FORCE = pattern(
    rf"(?:(?<!lock )(?<!locks )(?<!barrel )punch\w*|(?<!door )(?<!window )(?<!gate )kick\w*|(?<!anpr )(?<!marker )hit|hits|hitting|slap\w*|head ?-?butt\w*|push(?:ed|ing)?(?! (?:a |the |an |some )?(?:burning |lit |lighted )?(?:rag|rags|letters?|notes?|leaflets?|paper|button|buttons|pram|pushchair|buggy|trolley|bike|through)\b)|shov\w*|thump(?:ed|ing|s)? (?:her|him|me|them|the|his|my|a|an|\w+ in)|smack\w*|"
    rf"whack\w*|elbow\w*|kneed|struck|strike|strikes|beat|beaten|beating|battered)(?!\s+(?:(?:in|over|down|through)\s+)?{_OBJECTS})(?!\s+(?:\d+|a|two|three|several) holes?)(?! (?:a|the) (?:ball|counter|bin))"
    r"(?! and run)",
    r"grab(?:bed|bing|s)? (?:her|him|me|hold of (?:her|him)|the injured party|his|her) ?(?:by|arm|neck|throat|hair|wrist|face|collar)?",
    r"strangl\w*|chok(?:ed|ing) (?:her|him|me)|throttl\w*|stamp(?:ed|ing) on(?! (?:[\w']+ ){0,2}(?:phone|glasses|laptop|tablet|ipad|car|bike|flowers|plants|property|things|belongings|toys|sunglasses|headphones))|bit (?:her|him|me|the officer|an officer|officers?|pc)|bitten|"
    r"spat (?:at|on|in)|spitting at|spit at|scratch(?:ed|ing) (?:her|him|me|the injured party)(?! (?:[\w']+ )?(?:car|van|vehicle|door|paintwork|bike|phone|windows?)\b)|"
    r"pulled (?:her|his|my) hair|hair pulled|dragg(?:ed|ing) (?:her|him|me)|threw (?:[\w']+ ){0,3}(?:at|over) (?:her|him|me)|"
    r"thrown at (?:her|him)|assault\w*|attack\w*|set about|jumped on|floored|knocked (?:her|him|me) (?:down|over|out|to the ground)|"
    r"pinned (?:her|him) (?:down|against|to)|poked (?:her|him)|actual bodily harm|grievous bodily harm|battery|stabb\w*|stab(?! wounds?)|slashed (?:her|him|at)",
    r"(?:threw|thrown) (?:her|him|me) (?:down|across|against|into|onto|to|out)", r"lunged at", r"went for (?:her|him|me|them)", r"swung (?:a punch|at)", r"twisted (?:her|his|my) arms?",
    r"forearm (?:across|against) (?:her|his|my) (?:throat|neck)", r"(?:punched|hit|kicked|slapped) (?:in|on) the (?:face|head|stomach|back(?! door| gate| window| garden)|chest|leg|arm|ribs|mouth|eye|side|groin|shin|neck|body|jaw|nose)",
    r"glassed", r"bottled", r"lashed out",
    *_glassing("smashed|shoved|rammed|pushed|thrust", "into|in", "his|her|my|their|the injured party's"), r"caught (?:her|him|me) (?:across|on|in)", r"bending (?:it|her \w+|his \w+) back",
    r"broke (?:her|his|my) (?:finger|arm|nose|wrist|jaw|leg|ribs?|tooth)", r"drag(?:ged)? (?:a|the) (?:woman|man|female|male|girl|boy)",
    r"twisted (?:it|her wrist|his wrist|my wrist)", r"jumped by", r"set upon",
    # force apprehended: a fist raised or a punch swung with apparent immediacy is a common assault
    # without contact (corpus README, threats versus acts); it outranks the threat (9A)
    r"raised (?:his|her|their) fists?", r"fists? (?:raised|up) (?:at|to|towards|in)", r"with (?:his|her|their|a) fists? (?:raised|drawn back)",
    r"(?:stick|bat|bar|hammer|bottle|pole|stock stick|spade|shovel|machete|knife) (?:[\w']+ ){0,4}(?:raised|swung) (?:over (?:his|her) head|at (?:him|her|me)|towards (?:him|her|me)|in (?:his|her|my) direction)", r"(?:swung|threw) (?:a punch|punches|a fist) (?:at|towards)",
    r"(?:give|gave|given|giving) (?:her|him|me|them|the injured party) (?:a |an )?(?:black eye|slap|smack|kicking|beating|hiding|dig|bloody nose|fat lip|punch|kick|headbutt|clip round the ear|shove)", r"squeez(?:es|ed|ing)(?! (?:her|his) (?:hand|shoulder))",
)
UNLAWFUL_CONTRARY = pattern(r"self[- ]defen[cs]e", r"play[- ]?fight\w*", r"consensual", r"accident(?:al|ally)?",
                            r"lawful(?:ly)? restrain\w*", r"mutual(?:ly)? (?:agreed|consented)", r"sparring", r"by mistake")
INJURY = pattern(
    r"injur(?:y|ies|ed)(?! part)", r"cut (?:to )?(?:the )?(?:eyebrow|eye|head|face|cheek|nose|forehead|hand|arm|chin|mouth|scalp)", r"bruis\w*", r"cut (?:lip|to|on|above|below|her|his)", r"cuts", r"bleed\w*", r"bled",
    r"blood\w*", r"swell\w*", r"swollen", r"black eye", r"bloody nose", r"nose ?bleed", r"fractur\w*",
    r"broken (?:nose|tooth|teeth|arm|wrist|ribs?|finger|jaw|leg|cheek ?bone|eye socket)", r"lacerat\w*", r"graze\w*",
    r"red marks?", r"marks? (?:on|to|around) (?:her|his) (?:neck|arm|arms|face|throat|wrist|wrists|back|leg)",
    r"lump", r"concuss\w*", r"stitch\w*", r"split lip", r"bust(?:ed)? (?:lip|nose)", r"fat lip", r"loose tooth", r"scratch(?:es|ed)", r"bite marks?",
    r"actual bodily harm", r"wound\w*", r"abrasion\w*", r"welt\w*", r"weal\w*", r"dislocat\w*", r"sprain\w*", r"minor injuries",
    r"broke (?:her|his|my) (?:finger|arm|nose|wrist|jaw|leg|ribs?|tooth)", r"bruised", r"grazed",
    r"skin (?:was )?broken", r"broke the skin", r"broken skin", r"breaking the skin", r"nose (?:was )?bleeding", r"(?:lip|nose|mouth|head) bleeding",
    r"(?:tooth|teeth) (?:is |was |are |were )?(?:loose|chipped|knocked out|broken|missing)", r"chipped (?:tooth|teeth)", r"lip (?:is |was )?(?:split|cut|swollen|bleeding)",
    r"(?:nose|arm|jaw|wrist|finger|rib|ribs|cheekbone|cheek bone|eye socket|leg|ankle) (?:is |was )?(?:broke|broken|fractured)", r"black eyes",
    r"(?:red |finger |grip |hand |fingertip )+marks?", r"clumps? of (?:her |his )?hair", r"(?:stomach|chest|rib|back|neck) pain", r"(?:in pain|sore|tender)",
)
INJURY_CONTRARY = pattern(
    r"no (?:visible |apparent |obvious |physical |reported |known )?(?:injur\w*|marks?|bruis\w*)", r"uninjured",
    r"not (?:injured|hurt)", r"unhurt", r"without injur\w*", r"injur(?:y|ies)\s*(?::|-|=)?\s*(?:none|nil|no)",
    r"nil injur\w*", r"did not (?:sustain|suffer) (?:any )?injur\w*", r"no (?:medical )?treatment (?:needed|required)",
)
SERIOUS_INJURY = pattern(
    r"stabb\w*", r"stab wounds?", r"knifed", r"slashed (?:her|him|at|his|her)",     r"grievous bodily harm", r"fractured skull", r"life[- ]changing", r"life[- ]threatening", r"intensive care",
    r"knocked (?:her|him) out", r"stamp(?:ed|ing) on (?:his|her) head", r"machete", r"with intent",
    r"(?:hit|struck|beat\w*|attacked|assaulted) (?:[\w']+ ){0,3}with (?:a |an )?(?:[\w']+ )?(?:hammer|bat|baseball bat|iron bar|crowbar|brick|knife|weapon|machete|axe|steering lock|golf club|metal bar|scaffold pole|wrench|spanner|paving slab)",
    r"broken (?:jaw|eye socket|leg|arm|cheek ?bone)", r"fractured (?:jaw|eye socket|leg|arm|cheek ?bone|skull)",
    # a glass or bottle driven into the face: the weapon and the target show intent (s18, 5D)
    *_glassing("smashed|shoved|rammed|pushed|thrust|twisted", "into|in", "his|her|my|their|the injured party's"),
    r"(?:plastic|maxillo-?facial|maxfax|facial) surgery", r"maxfax",
)
STRANGULATION_CONTRARY = pattern(r"(?:could|was able to|able to) (?:still )?breathe", r"breathing (?:was )?(?:not|never) (?:restricted|affected|stopped)",
                                 r"no (?:restriction|difficulty) (?:of|with|in) (?:his|her|their)? ?breathing")
STRANGULATION = pattern(
    r"strangl\w*", r"chok(?:ed|ing) (?:her|him|me)", r"throttl\w*",
    r"hands? (?:round|around|on) (?:her|his|my) (?:neck|throat)", r"squeez\w* (?:her|his|my) (?:neck|throat)",
    r"pressure (?:on|to) (?:her|his) (?:neck|throat)", r"suffocat\w*", r"pillow over (?:her|his) face",
    r"(?:forearm|arm|hands?) (?:across|against|around|round) (?:her|his|my) (?:throat|neck)", r"(?:held|grabbed|gripped|took hold of) (?:[\w']+ ){0,2}by the (?:throat|neck)", r"(?:could not|couldn't|couldnt|can't|cant|cannot) breathe",
    r"(?:grabbed|held|gripped|had|took) (?:her|him|me|the injured party) (?:[\w']+ ){0,2}(?:round|around|by) the (?:throat|neck)", r"headlock", r"petechia\w*", r"sleeper hold", r"choke ?hold",
    r"(?:hands?|fingers) (?:round|around|on) (?:the|her|his|my) (?:throat|neck)", r"(?:put|placed) (?:[\w']+ ){0,3}(?:round|around|over|across) (?:her|his|my) (?:throat|neck|mouth and nose)",
)
FEAR = pattern(
    # "alarm" as a feeling ("caused alarm and distress"), not the burglar alarm
    r"scared", r"frightened", r"terrified", r"afraid", r"fear\w*", r"distress\w*", r"alarmed", r"(?:caus\w*|in|great|much|serious) alarm",
    r"alarm,? (?:and|or) distress", r"upset",
    r"shaken", r"petrified", r"intimidated", r"crying", r"in tears", r"panic\w*", r"anxious", r"anxiety",
    r"worried (?:for|about) (?:her|his|their) (?:safety|life|children)", r"believes? (?:he|she|they) (?:will|would|means? it)",
    r"unwanted", r"(?:asked|told) (?:(?:him|her|them|the \w+) )?(?:[\w']+ ){0,3}to stop", r"(?:won't|will not) leave (?:her|him|me|them) (?:alone|be)", r"harass\w*", r"targeted", r"feels? trapped", r"in fear", r"blocked (?:him|her|them|his|her)",
    r"(?:does not|doesn't) want (?:any )?contact", r"won't leave (?:her|him) alone",
    r"refuses? to go", r"(?:too )?scared to (?:go|walk|leave)", r"can't sleep", r"cannot sleep", r"(?:very|really|so) upset", r"feels? unsafe", r"worried",
)
THREAT_TO_KILL = pattern(
    r"threat\w* to (?:kill|murder|shoot|end (?:her|his) life)(?! (?:her|his|the|their|your|my) (?:cat|dog|pet|animals?|dogs|cats|horse|rabbit))", r"death threats?", r"threats? of death",
    r"(?:said|says|stated|told (?:[\w']+ ){1,2}|shouted|screamed|messaged|texted|saying|telling (?:[\w']+ ){1,2})(?:that )?"
    r"(?:he|she|they|\w+)? ?(?:would|will|'ll|was going to|is going to|were going to|are going to|is gonna|was gonna) (?:kill|murder)",
    r"(?:i'll|i will|i am going to|i'm going to|i'm gonna|we'll|we will|we are going to|we're going to|he'll|he will|he is going to|he's going to|she'll|she will|she is going to|she's going to|they'll|they will|they are going to|they're going to) (?:[\w']+ )?(?:kill|murder)",
    r"kill (?:you|her|him|them|the lot of you)(?! (?:cat|dog|pet|dogs|cats|horse|rabbit|animals?)\b)", r"you(?:'re| are) (?:a )?dead(?: man| woman)?(?! meat)", r"(?:ur|your) dead", r"(?:put|stick|pop) (?:a bullet|one) in (?:you|your|ur|him|her|his)", r"blow (?:your|ur|his|her) (?:head|brains) (?:off|out)", r"slit (?:your|her|his) throat",
    r"put (?:you|her|him) in the ground", r"(?:burn|torch) (?:[\w']+ ){0,4}(?:down )?with (?:him|her|you|them|us|the kids|the family) (?:still )?in (?:it|there|side)",
    r"(?:be |get |gets )?wiped out", r"wipe (?:you|her|him|them|your family|the lot of you) out", r"(?:stab|beat|kick|batter|burn|strangle|choke) (?:you|her|him|them|u) to death", r"(?:you|she|he|they)(?:'ll| will) be (?:dead|killed|murdered)", r"will be killed",
    r"(?:he|she|they|i|we)'d (?:[\w']+ )?(?:kill|murder)",
    r"(?:said|says|stated|shouted|told|threatened|saying)(?: that)? (?:he|she|they|\w+) (?:would|will|'ll|was going to|is going to) (?:[\w']+ ){1,6}(?:and )?(?:kill|murder)")
# after a threat's verb: the thing threatened is property ("smash every window"), a threat to damage (59), not to a person
_NOT_AT_PROPERTY = r"(?! (?:[\w']+ ){0,2}(?:windows?|car|cars|door|doors|house|home|flat|tyres?|property|phone|van|fence|shed|place|stuff|things|garden|shop|motor)\b)(?! it\b)"
THREAT_OF_VIOLENCE = pattern(
    r"threat\w* to (?:punch|hit|stab|batter|beat|kick|assault|hurt|knock|glass|do (?:her|him|you|them) in|"
    r"break (?:his|her|your) (?:legs|neck|jaw)|smash (?:his|her|your) (?:face|head)|shoot|harm|attack|slap|knife|cut)",
    r"(?:said|says|told (?:[\w']+ ){1,2}|shouted|screamed|saying)(?: that)? (?:he|she|they|he'd|she'd|they'd) (?:would |will |'ll |was going to |is going to )?(?:come back and |come round and |bring (?:his|her|their) (?:boys|mates|brothers|friends) and )?"
    r"(?:punch|hit|stab|batter|beat|kick|hurt|smash (?:his|her|your) face|knock|do (?:her|him|them) in|break|attack|slap|harm|glass)",
    rf"(?:i'll|i will|i'm going to|i am going to|i'm gonna|we'll|we will|we're going to|we are going to) (?:punch|hit|stab|batter|beat|kick|hurt|smash|knock|do you|break|glass|slap){_NOT_AT_PROPERTY}",
    r"threatening (?:behaviour|manner|language|gestures?|her|him|them|staff|the injured party|injured party|the caller|caller|reporting person|towards)", r"threatened (?:her|him|them|staff|the injured party|injured party|customers|the caller|caller|reporting person|me)",
    r"(?:'d|will|'ll|would|going to|gonna) give (?:[\w']+ )?(?:a |an )?(?:slap|smack|kicking|beating|hiding|punch|good hiding)",
    r"squar\w* up", r"fists? raised", r"raised (?:his|her) fists?", r"brandish\w*", r"waving (?:a|the|his|her) (?:knife|bat|weapon|machete|hammer|bottle|blade)",
    r"burn (?:you|them|us) out", r"made threats", r"threats (?:of|to) (?:violence|harm)", r"intimidat(?:ed|ing|es) (?:her|him|them|me|us|staff|the (?:caller|injured party|staff|residents|witness))", r"intimidation of", r"aggressive(?:ly)? (?:and|towards|to)",
    r"(?:will|would|i'll|he'll|she'll|they'll|we'll|gonna|going to) (?:come back and )?(?:smash|stab|cut|hurt|batter|do|glass|knife|shank|beat) (?:you|her|him|them|your|her head|his head)(?! (?:[\w']+ )?(?:windows?|car|cars|door|doors|house|home|flat|tyres?|property|phone|van|fence|shed|stuff|things)\b)",
    # a threat to smash the windows is a threat to damage property (59), not to a person
    rf"(?:he|she|they|i|we)'d (?:smash|stab|cut|hurt|batter|do|glass|knife|beat|punch|hit|kick|break){_NOT_AT_PROPERTY}",
    rf"(?:i'll|i will|i'm gonna|i'm going to|gonna) (?:come back and )?(?:stab|cut|hurt|batter|glass|knife|shank|smash|do){_NOT_AT_PROPERTY}",
    r"wav(?:ed|ing) (?:a |the |his |her )?(?:[\w']+ )?(?:bottle|knife|bat|weapon|hammer|machete|glass)", r"be waiting for (?:her|him|you)",
    r"shouting abuse", r"abus(?:e|ive|ing) (?:at|towards|to)", r"(?:shouted|shouting|screamed|yelled|directed) (?:[\w']+ ){0,2}(?:abuse|abusive|racist|threats|threatening|homophobic|slurs)(?: [\w']+){0,3} (?:at|towards)",
    r"(?:abuse|abusive|racist|homophobic|threatening) (?:comments|names|language|remarks|slurs) (?:at|towards|to)",
    # said with "give"/"would ... and": "he'd rip it off and give her a kicking", "said he would rip it off her head and batter her"
    r"give (?:her|him|you|u|ya|them) (?:a |an )?(?:good )?(?:kicking|beating|hiding|slap|smack|punch|battering|hammering|leathering)",
    r"(?:said|says|told (?:[\w']+ ){1,2}|shouted|screamed|saying)(?: that)? (?:he|she|they)(?: would| will|'d|'ll| was going to| is going to) (?:[\w']+ ){1,6}and (?:punch|hit|stab|batter|beat|kick|hurt|glass|slap|smash|knock)",
    r"and you with (?:it|them)",
    VIOLENT_THREAT_WORDS, REPORTED_VIOLENT_THREAT)
COURSE = pattern(
    r"repeated(?:ly)?", r"constant(?:ly)?", r"continu\w*", r"persistent(?:ly)?", r"again and again",
    r"over (?:the )?(?:past |last )?(?:few |several |\d+ |two |three |four |six |couple of )?(?:days|weeks|months|years)",
    r"for (?:the )?(?:past |last )?(?:few |several |\d+ |two |three |four |six |couple of )?(?:weeks|months|years)",
    r"on (?:several|numerous|multiple|many|\d+|two|three|four|five|a number of|various|separate) (?:occasions|times|days|dates)",
    r"(?:numerous|multiple|many|dozens of|hundreds of|over \d+) (?:times|calls|messages|texts|occasions|emails|visits|letters)",
    r"several (?:calls|messages|texts|occasions|emails|visits|letters)",
    r"\d+ (?:or more )?(?:times|calls|messages|texts|occasions|emails|visits|letters)",
    r"every (?:day|night|week|morning|evening)", r"daily", r"nightly", r"weekly", r"each (?:day|night|week)",
    r"since (?:january|february|march|april|may|june|july|august|september|october|november|december|last|christmas|\d{4}|they|she|he|the)",
    r"keeps? (?:calling|texting|messaging|ringing|turning up|coming|following|sending|contacting|posting|driving|appearing|phoning)",
    r"kept (?:calling|texting|messaging|ringing|turning up|coming|following|sending|contacting|phoning)",
    r"(?:second|third|fourth|fifth|another) (?:time|occasion|incident)", r"ongoing", r"campaign of", r"(?:two|three|four|several) (?:separate )?(?:occasions|incidents)",
    r"previous(?:ly)? (?:occasions|incidents)", r"(?:once|twice) (?:more|again)", r"twice", r"whenever", r"each time", r"every time",
    r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+) (?:voicemails|messages|texts|calls|letters|emails|times|occasions|visits)", r"various occasions", r"(?:last|this) (?:week|month) (?:and|then)",
    r"most (?:days|nights|weeks)", r"(?:several|many|a few|two|three) times a (?:day|week|month)", r"(?:for|since) over a (?:year|month|week)",
    r"(?:for|over|in) the (?:past|last) (?:month|week|year|fortnight)", r"for (?:weeks|months|years)", r"since the (?:summer|winter|spring|autumn|new year)",
    r"dozens of", r"throughout the relationship", r"(?:continues|carries on|carried on)", r"(?:has|have) been (?:\w+ing) (?:her|him|them)? ?(?:for|since)",
    r"for (?:a|about a|over a|nearly a|almost a) (?:month|week|year|fortnight)", r"every (?:sat|sun|saturday|sunday|weekend|shift|visit)", r"(?:in|over) (?:the )?(?:last|past) (?:\d+|two|three|four|few|couple of) (?:days|weeks|months)",
    r"nearly every day", r"at least (?:\d+|two|three|four|five|six|ten) times", r"again (?:today|tonight|this morning)", r"came in again",
)
STALKING_BEHAVIOUR = pattern(
    r"stalk\w*", r"follow(?:ed|ing|s)? (?:her|him|them|me|the injured party)", r"following", r"loiter\w*",
    r"watch(?:ing|es|ed)? (?:her|him|them|me|the injured party|the house|her house|his house|the address)",
    r"waiting (?:outside|for (?:her|him))", r"waits outside", r"turn(?:ed|s|ing)? up (?:at (?:her|his|(?:\w+ )?\w+'s) (?:work|workplace|gym|school|house|home|address|flat))",
    r"sat outside (?:her|his)", r"sitting outside (?:her|his)", r"films? (?:her|him|me)", r"filming (?:her|him|me)", r"stands? (?:at|outside) (?:the end of )?(?:her|his)",
    r"professing (?:his|her)? ?love", r"left (?:gifts|flowers|notes?|letters|a (?:bracelet|gift|note|present))", r"fixat\w*", r"parked outside (?:her|his|their)", r"tracker", r"tracking (?:her|his|device)",
    r"spying", r"appear(?:ed|s|ing)? at (?:her|his) (?:work|home|gym|school|workplace)", r"driv(?:es|ing) past (?:her|his) (?:house|home|address)",
    r"(?:drove|drives) past (?:her|his) (?:house|home|address)",
    r"watch(?:ing|es|ed)? us", r"follow(?:ed|ing|s)? (?:both of us|us|(?:[\w']+ ){0,2}home)",
    r"(?:sat|sitting|stood|standing|parked|waiting|loitering|hanging around|lurking) outside (?:their|the|our|my) (?:house|home|flat|work|workplace|school|college)", r"(?:seen|waiting|hanging around|stood) (?:at|near|by) (?:the |her |his )?bus stop",
    r"sits? (?:there|outside|opposite|in the cafe opposite)(?: for hours)?", r"found (?:her|him|me|my \w+) on (?:instagram|facebook|snapchat|tiktok|linkedin)",
)
CONTACT = pattern(
    r"messag\w*", r"text\w*", r"call(?:ed|ing|s)? (?:her|him|me|them|us|the house)", r"(?:phone|silent|nuisance|withheld|\d+|numerous|several|repeated|constant|abusive) calls", r"(?:keeps?|kept|constantly|repeatedly) (?:calling|ringing|texting|messaging|phoning)", r"(?:ring(?:ing|s)?|rang) (?:her|him|me|them|us|the house|her phone|his phone|constantly|repeatedly|non-?stop|all (?:day|night))(?! (?:door ?bell|bell|buzzer))", r"phon(?:ed|ing|es (?:her|him))", r"phone calls", r"email\w*", r"contact\w*",
    r"voicemail\w*", r"letters?", r"post(?:ed|ing|s)", r"social media", r"facebook", r"instagram", r"snapchat",
    r"whatsapp", r"turn\w* up", r"visit\w*", r"abus\w*", r"threat\w*", r"knocking", r"banging on", r"shouting at",
    r"comments?", r"insult\w*", r"sen[dt] (?:her|him)", r"call(?:ing|s|ed)? (?:him|her|them|me|us) (?:a |an )?[\w*']+", r"harass\w*", r"voice ?notes?", r"notes? through", r"bangs? on", r"shouts?", r"leaves? rubbish", r"came to the house", r"demanding",
) 
CONTROL = pattern(
    r"controlling", r"coercive", r"coercion",
    r"controls? (?:all )?(?:her|his|the|their|injured party's|the injured party's|\w+'s) (?:money|finances|bank|phone|life|movements|access)",
    r"account for every (?:penny|pound)", r"stops? (?:[\w']+ ){1,2}(?:from )?(?:seeing|going|working|contacting|having) (?:friends|family|her|his)",
    r"(?:takes?|took|taken|keeps?|kept|taking|removed) (?:her|his|my|the) (?:bank ?cards?|money|wages|salary|benefits|phone|passport|car keys|keys)",
    r"taken control", r"control of (?:her|his|my) (?:bank|money|finances|account)", r"decides? when (?:she|he)", r"stopped (?:her|him|me) (?:from )?attending",
    r"calls? (?:her|him|me) (?:worthless|useless|stupid|fat|ugly)", r"what (?:she|he) (?:can|could) wear",
    r"(?:won't|will not|would not|wouldn't) (?:let|allow) (?:her|him|me) (?:to )?(?:see|go|leave|have|work|out|use|speak|talk)",
    r"(?:does not|doesn't|didn't|did not) (?:let|allow) (?:her|him|me) (?:to )?(?:see|go|leave|have|work|out|use)",
    r"not allowed to", r"isolat\w*", r"stopped (?:her|him|me) (?:from )?(?:seeing|going|working|contacting|having)",
    r"check(?:s|ed|ing)? (?:her|his|my) (?:phone|messages|bank)", r"monitor(?:s|ed|ing) (?:her|his|my)",
    r"tracks? (?:her|his|my) (?:phone|location|movements)", r"tracking app", r"location (?:sharing|tracking)",
    r"tells? (?:her|him|me) what to wear", r"decides? what (?:she|he)", r"puts? (?:her|him|me) down", r"belittl\w*",
    r"degrad\w*", r"humiliat\w*", r"demands? to know where", r"allowance", r"economic abuse", r"financial(?:ly)? abus\w*",
    r"financial control", r"gaslight\w*", r"cut (?:her|him|me) off from", r"(?:has to|must) ask (?:his|her) permission",
    r"restrict\w* (?:her|his|my) (?:access|contact|movements|money|food)",
    r"controll?(?:ed|s|ing)? (?:what|who|where|when|how) (?:she|he)", r"decides? (?:who|what|where|when)", r"goes through (?:her|his|my) phone",
    r"(?:makes?|made|forces?|forced) (?:her|him|me) (?:to )?(?:send|prove|account|ask|hand over|give)", r"prove where (?:she|he) (?:is|was|goes)",
    r"(?:won't|will not|doesn't|does not) let (?:her|him|me) (?:have|go|see|out)",
    r"(?:has|had|have) (?:had|taken over|taken) (?:her|his|my) (?:bank ?cards?|pension(?: card)?|money|wages|benefits|phone|passport)(?: for (?:months|years|weeks))?",
    r"takes? (?:her|his|my) (?:pension|benefits?|child benefit|wages)", r"tells? (?:her|him|me) (?:she'?s|he'?s|i'?m|she is|he is|i am) (?:worthless|useless|stupid|fat|ugly|mad|mental|crazy|nothing)",
    r"locks? (?:the|her|his|my) (?:phone|car keys|passport)", r"(?:has|knows|took|changed|demands) (?:all )?(?:her|his|my) passwords?",
    r"check(?:s|ed|ing)? (?:on )?who (?:is|was|she is|he is) (?:at|with|in)", r"(?:put|putting) (?:her|him|me) in a home", r"(?:times|timed) (?:me|her|him)", r"changed (?:my|her|his) passwords?",
    r"(?:wages|pension|benefits) (?:go|goes|paid) (?:into|in) (?:his|her) account", r"(?:show|shows|showing) (?:him|her) (?:the )?receipts",
)
SERIOUS_EFFECT = pattern(
    r"fear of violence", r"scared", r"afraid", r"terrified", r"anxious", r"anxiety", r"depress\w*",
    r"can't sleep", r"cannot sleep", r"stopped (?:seeing|going)", r"lost (?:her|his) job", r"changed (?:her|his) routine",
    r"serious (?:alarm|distress|effect)", r"panic attacks?", r"suicidal", r"walking on eggshells", r"trapped",
    r"no friends", r"frightened", r"distress\w*",
)
CONNECTED = pattern(
    r"partner", r"ex[- ]?partner", r"husband", r"wife", r"boyfriend", r"girlfriend", r"ex[- ](?:husband|wife|boyfriend|girlfriend)",
    r"spouse", r"fiance\w*", r"domestic abuse", r"domestic", r"son", r"daughter", r"mother", r"father", r"mum", r"dad",
    r"brother", r"sister", r"stepfather", r"stepmother", r"stepson", r"stepdaughter", r"uncle", r"aunt", r"grandson",
    r"granddaughter", r"in-?laws?", r"cousin", r"the ex", r"her ex", r"his ex", r"married", r"relationship",
)
# "her ex" is a former partner; "her ex-colleague" or "his ex tenant" is not
_NOT_A_PARTNER = r"(?![- ]?(?:tenant|landlord|colleague|boss|employer|employee|friend|neighbour|flatmate|housemate|work|school|lodger|manager|business))"
EX_PARTNER = pattern(r"ex[- ]?partner", r"ex[- ](?:husband|wife|boyfriend|girlfriend)", rf"the ex{_NOT_A_PARTNER}", rf"her ex{_NOT_A_PARTNER}", rf"his ex{_NOT_A_PARTNER}",
                     r"former partner", r"split up", r"separated", r"relationship ended", r"broke up")
RACIAL = pattern(r"anti-jewish", r"anti-muslim",
                 r"(?:black|brown|paki|asian|polish|foreign|immigrant|muslim|jewish|bangladeshi|pakistani|romanian|indian|nigerian|somali|chinese) (?:monkey|bitch|bastard|scum|c\*+\w*|b\*+\w*)",
                 r"monkey noises", r"banana (?:skins?|peel)", r"towel ?head", r"go back (?:to )?where (?:you|he|she|they) came from", r"(?:called|calling) (?:him|her|them|me) (?:a |an )?terrorists?",
                 r"f\*+ing (?:muslims|pakis|foreigners|immigrants|jews|blacks)", r"no (?:muslims|blacks|pakis|foreigners|immigrants) (?:here|allowed)", r"swastikas?", r"racial\w*", r"racist", r"p\*kis?", r"n\*gg\w*", r"because of (?:his|her|their) (?:race|religion|colour|skin|faith|ethnicity)", r"about (?:[\w']+ ){0,2}(?:race|religion|faith|skin colour|ethnicity)",
                 r"religious(?:ly)? (?:aggravated|abusive|abuse)", r"(?:abuse|comments|remarks|insults) about (?:[\w']+ ){0,3}(?:race|religion|faith|skin|colour|ethnicity|nationality)", r"islamophob\w*", r"anti-?semit\w*", r"n-word", r"paki", r"go back to (?:your|your own) country",
                 # a starred slur ("p***"): the match stops on the letter, so the pattern's closing word boundary holds
                 r"p(?=\*{2,})", r"n(?=\*{3,})", r"go back (?:home|to (?:your|ur|where)|to (?:[a-z]+ ){0,1}(?:africa|china|poland|romania|bangladesh|pakistan|india|jamaica|somalia|syria|iraq|afghanistan|turkey|nigeria|ghana|the jungle))",
                 r"dirty (?:romanians?|gypsies|gypsy|foreigners?|immigrants?|polish|poles|pakis?|muslims?|jews?|blacks?|asians?|chinese|arabs?)", r"gypsies",
                 r"ching chong", r"slanty eyes", r"monkey (?:noises|chants?|gestures)", r"terrorists?", r"(?:muslims|jews|immigrants|foreigners) are all", r"racial slurs?",
                 r"homophob\w*", r"transphob\w*", r"hate crime", r"chink\w*", r"foreign scum", r"go back where (?:you|they|we) came from",
                 r"(?:you|they|we) should go back", r"english (?:street|only)")
CONSTABLE = pattern(r"(?:pc|officer|constable|ps|pcso) \d+ (?:\w+ )?reports? (?:that )?(?:whilst|while|when) (?:detaining|arresting|restraining|searching|handcuffing)",
                    r"(?:whilst|while) (?:being )?(?:detained|arrested|restrained|handcuffed) (?:[\w']+ ){0,4}(?:bit|kicked|punched|headbutted|spat)",r"(?:officer|pc|constable)(?: \w+){0,3} (?:was|were) (?:assaulted|punched|kicked|spat at|bitten|headbutted|elbowed|kneed|hit)", r"(?:assaulted|punched|kicked|spat at|spat on|hit|bit|bitten|headbutted|pushed|elbowed|kneed|scratched|struck) (?:a |the |two |an )?(?:police )?(?:officers?|pc|constable|pcso|ps|sergeant)",
                    r"officers? (?:was |were )?(?:assaulted|punched|kicked|spat at|bitten|headbutted|elbowed|kneed)", r"assault on (?:a |an )?(?:police )?(?:officer|constable|emergency worker)",
                    r"emergency worker", r"(?:officer|pc|constable|pcso)(?: \w+){0,3} (?:was |were )?(?:assaulted|punched|kicked|headbutted|bitten) by",
                    r"(?:officer|pc|constable|pcso|ps)(?: [\w']+){0,2} (?:was |were |has been )?(?:assaulted|punched|kicked|spat at|bitten|headbutted|elbowed|kneed|hit|scratched)",
                    r"police (?:requesting |request )?(?:urgent )?assistance", r"(?:whilst|while|when) being (?:detained|arrested|restrained|searched|handcuffed|cuffed|booked in|taken into custody)",
                    r"(?:spat|spit|spitting) (?:[\w']+ ){0,4}(?:of|at|on) (?:a |the )?(?:pc|officer|constable|pcso|ps|sergeant)", r"assault(?:ing)? (?:on )?(?:a |an )?(?:pc|police officer|emergency worker)", r"resist\w* arrest",
                    r"police requesting (?:urgent )?assistance")

TAKE = pattern(
    # not "thief": in logs it is mostly an accusation ("posting that she is a thief")
    r"stol(?:e|en)(?![- ]plated?)", r"steal\w*", r"theft", r"nicked", r"pinched",
    r"took (?:her|his|their|the|my|a|an|some|cash|money|items?|goods|\w+'s)(?! (?:home|to|back|out|away|into|inside|outside|upstairs|with|there|aside|hostage))", r"taken (?:from|without)",
    r"(?:has|have|had) been taken", r"(?:were|was) taken", r"pickpocket\w*", r"snatch\w*", r"made off with",
    r"walked off with", r"ran off with", r"helped (?:himself|herself|themselves) to", r"shoplift\w*",
    r"(?:left|walked out|ran out|walked off|ran off|drove off|made off|driven off) without paying",
    r"without paying", r"(?:did not|didn't|failed to|refused to) pay", r"took off with", r"pocketed", r"concealed",
    r"taking (?:a |the |two |her |his |\w+ )?(?:parcels?|money|cash|£\d+|notes|items|goods|bikes?|phones?|bags?)", r"has taken", r"have taken", r"had taken",
    r"(?:has|have) gone from", r"taken overnight",
    r"(?:cards?|items?|bag|phone|iphone|mobile|airpods|earphones|headphones|ipad|tablet|watch|necklace|chain|rings?|camera|console|parcel|wallet|purse|cash|money|tools|laptop|keys|goods|sat ?nav|property|handbag|jewellery) (?:were |was |have been |has been |had been )?taken",
    r"(?:walked|ran) out with", r"lifted (?:from|out of)", r"took (?:[\w']+ )?(?:cosmetics|electricals|meat|alcohol|goods|items|clothing|clothes|razors|perfume|make-?up|stock|food|drink|bottles?|toiletries)", r"taken off", r"(?:cash|money|jewellery|earrings|items|purse|wallet|tools) (?:[\w']+ )?gone", r"emptied", r"(?:cut|cutting|sawn|sawed|sawing) off (?:the |his |her |their |a |my |all the )?(?:catalytic|cat\b|exhaust|cables?|copper|lead|wires?|chains?|pipes?|wheels?|tyres?)", r"stealing",
    r"(?:money|cash|items?|jewellery|rings?|watch|phone|purse|wallet|tools?|goods|stock|medication|cards?|parcels?) (?:[\w']+ ){0,3}gone missing",
    r"taking (?:[\w£']+ ){0,4}(?:notes|cash|money)", r"taking (?:[\w£']+ ){0,3}from (?:his|her|their|the|my) (?:wallet|purse|handbag|bag|drawer|till|tin)",
    r"took (?:[\w']+ )?(?:handbag|bag|keys|laptop|phone|wallet|purse|cash|money|jewellery|tools?|bikes?|tv|watch|items|goods|parcels?|stock)",
    r"grabbed (?:[\w']+ ){0,3}(?:out of|from|off) (?:her|his|my|their|the victim's) (?:hand|hands|pocket|bag|grip|neck|wrist)",
    r"(?:rode|cycled|sped|legged it|drove) off with", r"(?:grabbed|snatched) (?:it|her \w+|his \w+|my \w+) (?:[\w']+ ){0,2}and (?:ran|rode|cycled|made|legged|drove)",
    r"(?:handbag|bag|keys|laptop|phone|wallet|purse|cash|money|jewellery|tools|bikes|tv|watch|items|strimmer|mower|trees|plants|pots|parcels?) (?:[\w',]+ ){0,6}(?:taken|missing)(?! to\b)",
    r"(?:pallets?|stock|goods|tools|tool ?bags?|drills?|tobacco|vapes|cigarettes|alcohol|electricals|cash|money|jewellery|purse|wallet|handbag) (?:[\w'£,]+ ){0,6}gone",
    r"pass(?:ed|ing) (?:the )?(?:tills|checkouts?|all points of (?:sale|payment))", r"(?:concealed|hid|hiding|stuffed|put) (?:[\w']+ ){0,4}(?:in|into|up) (?:her|his|their) (?:bag|coat|jacket|pockets?|top|trousers|pram|pushchair)",
    r"(?:pick|picked|picking) (?:it|the parcel|them|the bag|the bike) up (?:\S+ ){0,10}(?:walk(?:ed)? off|walked away|ran off|drove off|made off|left|put(?:ting)? (?:it|them) (?:in|into|under))",
    r"(?:came back|returned|got back|went back)(?:[\w ,']{0,40})(?:it was|it had|they were|they had|it's|was) gone", r"siphon\w*", r"parcels? (?:[\w']+ ){0,4}(?:taken|stolen|nicked|gone|missing)")
LOST_CONTRARY = pattern(r"lost (?:her|his|my|their|a|the) (?:[\w']+ )?(?:phone|wallet|purse|bag|keys|handbag|card|bike|ring|watch|jewellery|laptop|passport)", r"misplaced", r"mislaid", r"(?<!call )(?<!line )dropped",
                        # "left her purse on the table ... came back and it was gone" is a theft, not lost property
                        r"left (?:it|her \w+|his \w+|them) (?:on|in|at)(?![^.\n]{0,100}(?:came back|got back|returned|went back|walked back))",
                        r"can't find", r"cannot find", r"could not find", r"found (?:it|them|the \w+) (?:later|at home|in)",
                        r"may have (?:dropped|left|lost)", r"borrowed", r"given permission", r"(?:her|his) own (?:property|item)")
SHOP = pattern(r"shop(?!ping trolley)\w*", r"store", r"supermarket", r"tesco", r"sainsbury'?s", r"asda", r"aldi", r"lidl", r"boots",
               r"co-?op", r"morrisons", r"primark", r"superdrug", r"off ?licen[cs]e", r"newsagents?", r"security guard",
               r"store detective", r"security at", r"shelf", r"shelves", r"retail", r"waitrose", r"argos", r"b&q", r"jd sports",
               r"pharmacy", r"chemist", r"spar", r"detained by security", r"store manager", r"manager", r"superstore", r"tills", r"store security", r"iceland", r"lidl", r"m&s", r"marks and spencer", r"poundland", r"stock")
SERVICE = pattern(r"fuel", r"petrol", r"diesel", r"pumps?", r"taxi", r"fare", r"restaurant", r"meal", r"bill", r"food",
                  r"takeaway", r"cafe", r"hotel", r"bar tab", r"drinks", r"forecourt", r"car wash", r"cab")
MAKING_OFF = pattern(r"(?:left|walked out|ran out|walked off|ran off|drove off|made off|driven off|drove away|ran away) without paying",
                     r"without paying", r"(?:did not|didn't|failed to|refused to) pay", r"bilk\w*", r"drive[- ]off")
BICYCLE = pattern(r"(?<!motor)(?<!motor )(?<!on a )(?<!on his )(?<!on her )(?<!quad )(?<!dirt )(?<!trail )(?<!pit )bikes?(?! locks?)", r"bicycles?", r"pushbikes?", r"push bikes?", r"cycles?", r"e-bikes?", r"ebikes?", r"mountain bike")
VEHICLE = (r"(?:car|van|vehicle|motorbike|motorcycle|moped|scooter|lorry|truck|pick-?up|land rover|range rover|bmw|audi|ford|vauxhall|mercedes|"
           r"transit|sprinter|quad bike|tractor|motorhome|camper ?van|jeep|toyota|nissan|honda|kia|hyundai|vw|volkswagen|peugeot|renault|"
           r"fiat|skoda|volvo|tesla|jaguar|lexus|citroen|fiesta|corsa|defender|hilux|qashqai|berlingo)")
# a vehicle as logged, often with its registration in brackets: "IP'S CAR (VRM AB12 CDE) STOLEN"
LOGGED_VEHICLE = VEHICLE + r"s?(?: \([^)]{0,30}\))?"
VEHICLE_TAKEN = pattern(
    rf"{LOGGED_VEHICLE} (?:has been |had been |was |were |got )?(?:stolen|taken|nicked)(?! from (?:the |her |his |their |a |my )?(?:car|van|vehicle|boot|glove|footwell|inside|it)\b)", rf"{VEHICLE}(?: \w+){{0,5}} has gone from", rf"{VEHICLE} gone from",
    rf"(?:stole|steal\w*|taken|took|nicked|drove off in|drove away in) (?:her|his|their|the|a|my|\w+'s)? ?{VEHICLE}(?! \w+ from)(?!'s)",
    r"taken without consent", r"taken without (?:the )?owner'?s? consent", r"twoc",
    rf"{VEHICLE}(?: [\w()',-]+){{0,5}} (?:is |has |had |was )?gone (?:off|from)",
    rf"{VEHICLE}(?: (?!and\b|with\b|from\b)[\w()',-]+){{1,5}} (?:was |has been |had been |were )?(?:stolen|nicked)(?! from (?:the |her |his |their |a |my )?(?:car|van|vehicle|boot|glove|footwell|inside|it)\b)")
FROM_VEHICLE = pattern(
    rf"(?:from|out of|in) (?:her|his|their|the|a|my|\w+'s)? ?(?:parked )?{VEHICLE}(?! park)", r"glove ?box",
    rf"broke(?:n)? into (?:her|his|their|the|a|my)? ?{VEHICLE}", rf"{LOGGED_VEHICLE} (?:was |had been )?broken into",
    r"catalytic converters?", r"number plates?",
    rf"{LOGGED_VEHICLE}(?: (?!and\b|with\b)[\w',]+){{0,8}} (?:side |back |rear |front |sliding )?(?:doors?|locks?|windows?) (?:was |were |has been |had been )?(?:peeled|punched|forced|smashed|broken|jemmied|drilled|prised|put in)",
    rf"windows? of (?:the |her |his |their |[\w']+ )?{VEHICLE}s? (?:[\w']+ ){{0,5}}(?:smashed|broken|put in)", rf"{VEHICLE}s? (?:[\w']+ ){{0,6}}(?:windows? (?:smashed|broken)|broken into)", rf"{LOGGED_VEHICLE}(?:'s)? windows? (?:was |were )?smashed", r"(?:from|in) the footwell", r"tools? (?:from|out of) (?:the|his|her) van",
)
INTERFERING = pattern(r"(?:trying|tried|trying the|pulling|pulled|testing) (?:car |vehicle )?door handles",
                      r"tamper\w* with (?:the |her |his |parked )?(?:cars?|vehicles?)",
                      r"interfer\w* with (?:cars|vehicles|the car|her car|his car)", r"trying (?:to get into|to open) (?:cars|vehicles|car doors)")
FROM_PERSON = pattern(r"(?:from|out of) (?:her|his|my) (?:shopping )?(?:trolley|bag|handbag|pocket|rucksack|backpack)", 
    r"unzipped (?:her|his|my) (?:bag|handbag|rucksack|backpack)", r"(?:bag|handbag|rucksack) (?:on|over) (?:her|his|my) (?:shoulder|back)",
    r"(?:snatch\w*|took|taken|stole\w*|lifted|grabbed|pinched) (?:[\w']+ ){0,4}(?:from|out of|off) (?:her |his |my |their )?(?:back |jeans |back jeans |coat |jacket |trouser |front )?(?:hand|hands|pocket|bag|handbag|person|grip|back pocket|jacket|coat|neck|wrist)",
    r"pickpocket\w*", r"snatched (?:her|his|my) (?:phone|bag|handbag|purse|wallet|necklace|chain|mobile)", r"(?:phone|bag|handbag|purse|wallet) snatch\w*",
)
# what a robber takes, so "grabbed her wrists and pushed her" is not read as a robbery
_STOLEN_ITEM = r"(?:her |his |my |the |their |a |\w+'s )?(?:[\w']+ )?(?:phone|mobile|iphone|bag|handbag|purse|wallet|money|cash|keys|chain|necklace|watch|bike|scooter|jewellery|rucksack|backpack|laptop|earrings|rings?|trainers|jacket|airpods|headphones|£\d+),? "
ROBBERY = pattern(
    r"robb(?:ed|er|ers|ery|eries|ing)", r"mugg(?:ed|er|ers|ing)", r"at knife ?point", r"at gun ?point", r"knifepoint", r"held (?:a knife|a blade|a gun) to",
    r"(?:said|threatened) (?:[\w']+ ){0,3}(?:stab|hurt|hit|kill|shoot) (?:[\w']+ ){0,4}(?:if|unless) (?:he|she|they) (?:didn't|did not|don't|doesn't) (?:give|hand)",
    rf"(?:snatched|grabbed|took) {_STOLEN_ITEM}(?:[\w,]+ ){{0,12}}(?:punched|hit|pushed|kicked|assaulted|threatened)",
    r"(?:said|threatened) (?:[\w']+ ){0,3}(?:stab|hurt|hit|kill|shoot|knife) (?:[\w']+ ){0,4}(?:if|unless) (?:he|she|they) (?:didn't|did not|don't|doesn't) (?:give|hand)",
    r"(?:produced|pulled out|brandished|pulled|holding|with|showed|flashed|pointed) (?:a |an )?(?:knife|blade|gun|weapon|machete|screwdriver) (?:[\w,]+ ){0,4}(?:demanded|took|stole|snatched|grabbed)",
    r"(?:going|went) through (?:his|her) pockets", r"(?:with|holding|brandishing|armed with) (?:a |an )?(?:[\w']+ )?(?:bat|knife|gun|weapon|machete|hammer|blade|crowbar|screwdriver|bottle|syringe|firearm)[\w, ]{0,30}demand\w*", r"give (?:us|me) (?:the|your) (?:[\w']+ ){0,2}or", r"or you (?:get|will get|'ll get) (?:stabbed|hurt|hit|cut|shot)",
    r"(?:threaten\w*|punched|pushed|hit|kicked|assaulted|grabbed|forced|pinned|held) (?:[\w']+ ){0,6}(?:and|before|then) (?:took|stole|snatched|ran off with|made off with|grabbed|demanded)",
    r"(?:hand over|give me) (?:your|the)", r"hold[- ]?up", r"held up",
    r"(?:punched|hit|kicked|pushed|struck|yanked|pulled|dragged|twisted) (?:her|him|me|at her|at him)(?: [\w']+){0,5} until (?:she|he|i|they) (?:let go|released|dropped|handed)",
    r"run (?:your|ur) (?:phone|bag|stuff|things|watch|chain|money|pockets|trainers|jacket|bike|ting)",
    r"made (?:her|him|them|staff|the cashier|cashier|the staff|the shopkeeper|the manager|both of them|them both) (?:[\w']+ ){0,2}(?:empty|open|hand over|take off|give)",
    r"(?:rode|drove|rode off|made off|sped off) (?:off )?on (?:his|her|their) (?:scooter|bike|moped|motorbike|e-?bike)",
    r"(?:came in|walked in|entered|burst in) (?:[\w']+ ){0,3}(?:with|holding|brandishing|carrying) (?:a |an )?(?:[\w']+ )?(?:knife|gun|machete|weapon|bat|hammer|firearm|blade|crowbar)(?:[\w, ]{0,80})(?:took|demand\w*|till|cash|made)",
    r"(?:pushed|shoved|punched|hit|knocked|kicked|cornered|surrounded|pinned|barged|tripped|headbutted) (?:[\w',]+ ){0,12}(?:and|then|before) (?:[\w']+ ){0,2}(?:took|stole|snatched|made off with|ran off with|rode off with|demanded|ripped|yanked|tore)(?! nothing)",
    r"(?:punched|hit|kicked|headbutted|pushed) (?:him|her|them|me)(?: [\w']+){0,4}, (?:took|stole|snatched|grabbed) (?:his|her|their|my) ",
    r"(?:with|holding|showed|produced|pulled|flashed|pointed) (?:a |the |his |her )?(?:knife|blade|gun|machete|weapon)(?:[\w', £]{0,80})(?:demanded|hand(?:ed)? (?:it |them |the \w+ )?over|draw out|withdraw|give (?:him|them) (?:his|her|the))",
    rf"(?:snatched|grabbed|took|pulled|yanked) {_STOLEN_ITEM}(?:[\w,']+ ){{0,12}}(?:dragged (?:her|him)|pulled (?:her|him) (?:over|along|to)|to the ground|knocked (?:her|him)|fell over|pulled over)",
    r"(?:threatened|punched|pushed|hit|kicked|assaulted|grabbed|knocked|attacked|struck|slapped|headbutted) (?:her|him|them|me|by|with|to the ground) (?:[\w',]+ ){0,12}and (?:[\w']+ ){0,3}(?:taken|stolen|snatched)(?! (?:his|her|their|the|a|an|my|your|\w+'s)\b)(?! from (?:the )?(?:house|home|flat|address|hall|car|van|vehicle|garage|shed))",
)
BUSINESS = pattern(r"lock-?up", r"shop", r"store", r"office", r"school", r"warehouse", r"pub", r"church", r"mosque", r"business",
                   r"premises", r"factory", r"unit", r"building site", r"community centre", r"club", r"restaurant", r"cafe",
                   r"surgery", r"depot", r"garage forecourt", r"petrol station", r"takeaway", r"hotel", r"till", r"cashier",
                   r"bank(?! cards?| details| account| statement)", r"post office", r"delivery driver", r"courier", r"vestry",
                   r"shutters?", r"industrial (?:estate|unit)", r"(?:builders'?|timber|scrap) (?:yard|merchants?)", r"compound", r"cellar", r"dealership", r"showroom",
                   r"kiosk", r"nightclub", r"gym", r"chapel", r"temple", r"gurdwara", r"synagogue", r"car wash", r"garage (?:workshop|business)",
                   r"(?:community|church|village|parish|sports|town|scout|school|function) hall", r"library", r"leisure centre", r"pavilion", r"primary",
                   r"academy", r"nursery", r"garden centre", r"farm shop", r"cricket club", r"golf club", r"bookmakers?", r"bookies", r"supermarket", r"salon", r"barbers?", r"site cabin", r"college")
BURGLARY = pattern(
    r"burgl\w*", r"break[- ]in", r"broke(?:n)? in(?:to)?(?! (?:her|his|their|the|a|my)? ?(?:car|van|vehicle))", r"(?:forced|gained|gaining|forcing) (?:entry|access|the (?:door|window))",
    r"entered (?:the |her |his |their |my )?(?:house|home|flat|property|address|garage|shed|premises|building|shop|office|school)",
    r"climbed (?:in|through) (?:the |a |an )?(?:open )?window", r"came in (?:through|via) the (?:back door|window|patio)",
    r"ransack\w*", r"intruders?(?! alarm)", r"door forced", r"forced (?:the )?(?:door|lock|window)", r"(?:rooms?|house|drawers|everything) (?:[\w']+ )?(?:tipped|turned over|rifled)",
    r"(?:man|male|someone|stranger|intruder|woman) in (?:his|her|their|the) (?:bedroom|house|kitchen|flat|home|living room)",
    r"let (?:in )?(?:a man|a male|two men|a woman|them|him|her) (?:in )?(?:who|claiming|saying|posing)", r"(?:another|the other|second) man went (?:upstairs|inside|in)", r"(?:back|front|patio|rear|side) door (?:was )?forced", r"entry (?:was )?(?:gained )?via", r"entry gained", r"let (?:himself|herself|themselves) in", r"(?:got|gone|went) in through", r"walked into (?:her|his|their) (?:house|home|flat)",
    r"(?:been|got|came|come|gone|went|climbed|get) in (?:through|via) (?:the |a |an )?(?:[\w']+ )?(?:window|door|skylight|roof|back|patio|cat flap)",
    r"(?:shed|garage|outbuilding|summer ?house|workshop|lock-?up|stables?|barn|vestry|garden room)s? (?:[\w']+ ){0,3}(?:broken into|forced|padlock (?:was |has been |had been )?cut|lock (?:was )?cut|door (?:was )?forced|(?:was |were )?entered)",
    r"padlocks? (?:was |has been |had been |were )?(?:cut|snapped|forced|removed)(?: off)?",
    r"(?:rooms?|flats?|houses?|bedsits?|offices?|premises|halls?|church|units?|warehouses?|buildings?|barns?|workshops?|stores?|shops?|schools?|clubhouses?|pavilions?) (?:were |was |had been |have been |has been )?(?:entered|broken into)",
    r"cut (?:through|open) (?:the |a )?(?:roller )?(?:shutter|shutters|fence|door|padlock|lock|side of the (?:shed|container|unit))",
    r"climb(?:ed|ing)? (?:out of|through) (?:the |a |an |her |his )?(?:[\w']+ )?window", r"(?:door|window|lock|shutter|roller shutter|hatch|cellar hatch|skylight|gate)s? (?:has |had |have |was |were )?(?:been )?(?:forced|jemmied|smashed open|kicked in|prised open|ripped off)",
    r"(?:kicked|booted|smashed) (?:in )?(?:the |her |his |their |my )?(?:front |back )?door (?:in|open|down)",
    r"(?:forced|pushed|barged|muscled) (?:their|his|her) way (?:in|into)", r"barged (?:in|into)")
ATTEMPT_BURGLARY = pattern(
    r"attempt\w* (?:burglary|break[- ]in|to break in|to force|to get in|to gain entry|entry)", r"tried to (?:break in|force|get in|gain entry|open the (?:door|window)|jemmy)",
    r"jemmy marks", r"pry marks", r"trying the (?:back|front|patio|rear|side) door", r"tried to cut through", r"marks (?:on|around) the (?:door|lock|window)", r"(?:door|window|lock) (?:[\w']+ ){0,3}damaged (?:[\w']+ ){0,3}(?:no entry|not gained|did not get in)",
    r"failed to (?:get in|gain entry)", r"(?:door|window|lock) (?:was )?tampered with", r"(?:tried|trying|attempted) to (?:drill|snap|force|prise|pry|lever|kick|lift|jemmy|smash)",
    r"(?:kicked|forced|jemmied|damaged|bent) but (?:not opened|held|no entry|did not open|didn't open)", r"(?:no|not) (?:entry|access) (?:was )?(?:gained|made)",
    r"did not gain entry", r"did not get in", r"scared (?:them|him|her) off",
)
DWELLING_CONTRARY = pattern(r"(?:units?|officers?|police|pcs|fire service|paramedics?|ambulance) (?:[\w,]+ ){0,4}(?:door forced|forced (?:entry|the door)|gained entry)",
                            r"gained entry (?:via|with|using) (?:a |the )?(?:neighbour'?s?|spare|family'?s?|keyholder'?s?|carer'?s?)? ?(?:key|keys|keysafe|key safe)",
                            # the door was kicked in but nobody entered: criminal damage, not burglary
                            r"(?:has not|hasn't|had not|hadn't|didn't|did not|never) (?:come|came|gone|got|get|went|go) (?:in|inside|into the (?:house|flat|property|home))\b",
                            # a carer or relative with a key is not a trespasser
                            r"(?:carer|relative|family|son|daughter|cleaner|landlord|neighbour|keyholder|warden)s? (?:[\w']+ )?let (?:himself|herself|themselves) in (?:with|using) (?:a |the |her |his |their )?(?:key|keys|keysafe|key safe)",
                            r"let (?:himself|herself|themselves) in (?:with|using|via) (?:the |a )?(?:keysafe|key safe)",
                            r"door forced,? (?:[\w()']+ ){0,4}found (?:on|in|collapsed|deceased|unresponsive|safe|fallen)", r"forced entry to (?:check|conduct|gain access to)", r"(?:taken|stolen|removed) from (?:the |her |his |their |a )?(?:front |back |rear )?(?:garden|driveway)(?! shed)",
                            rf"{LOGGED_VEHICLE} (?:was |were |had been |has been |have been )?broken into", r"intruder alarm", r"communal (?:area|hallway|stairs)", r"car park", r"allotment")
DISTRACTION = pattern(r"(?:said|saying|claiming|claimed|says) (?:he|she|they) (?:was|were|is|are) from (?:the )?(?:[\w']+ )?(?:water|gas|council|electric\w*|board|energy|utility|utilities|housing)", r"posing as", r"pretend\w* to be", r"claim\w* to be (?:from )?(?:the )?(?:water|gas|council|electric\w*|police)", r"distraction",
                      r"bogus (?:caller|official|workm[ae]n)", r"while (?:one|the other) (?:[\w']+ ){0,4}distract\w*")
WEAPON_WORDS = pattern(r"armed", r"knife", r"gun", r"weapon", r"firearm", r"machete", r"baseball bat", r"crowbar", r"hammer")
DAMAGE = pattern(
    r"smash\w*", r"damag\w*", r"broke(?:n)? (?:the |her |his |their |a |my )?(?:front |back |rear |bedroom |kitchen |car |patio )?(?:window|door|windscreen|wing mirror|mirror|fence|gate|tv|television|phone|mobile|lock|glass|laptop|screen)",
    r"kicked (?:in )?(?:the |her |his |their )?(?:front |back )?(?:door|panel|gate|fence|car|wing mirror)", r"punched (?:the |a )?(?:wall|window|door)",
    r"key(?:ed|ing)? (?:the |her |his |their |my |\w+'s )?(?:car|van|vehicle)", r"keyed(?! in)",
    r"(?:broke|broken|snapped|smashed|wrecked|destroyed|ripped up|pulled up|uprooted) (?:the |her |his |their |a |an |my |some |several |\w+'s )(?:[\w-]+ )?(?:bench|benches|trees?|saplings?|plants?|glasses|sign|signs|bus shelter|shelter|lights?|lamp|fence panels?|planters?|plant pots?|swings?|statue|headstones?|ornaments?)", r"scratch(?:ed|es)? (?:on |along |to )?(?:the |her |his |their )?(?:car|van|vehicle|paintwork)",
    r"slash(?:ed|ing)? (?:the |her |his |their |all four |four |two |the front |the rear )?tyres?", r"tyres? (?:were |had been |have been )?(?:slashed|let down|punctured)",
    r"graffiti", r"spray[- ]?paint\w*", r"vandalis\w*", r"egg(?:ed|ing)", r"dent(?:ed)?", r"brick through", r"stone through",
    r"threw (?:a |some )?(?:bricks?|stones?|rocks?|bottles?|paint|eggs) (?:at|through|over) (?:the |her |his |their )?(?:window|car|house|door|van)",
    r"painted on", r"swastikas?", r"criminal damage", r"cracked (?:the |her |his |their |a )?(?:front |back |rear |bedroom |kitchen |shop )?(?:windscreen|window|screen|pane)",
    r"(?:tyres?|windows?|windscreen|paintwork|bonnet|roof|cars?|vans?|vehicles?)(?: \w+){0,5} (?:(?:have|has|had) been |were |was )?(?:slashed|smashed|damaged|scratched|keyed|punctured|broken(?! down)|stripped)",
    r"poured (?:[\w']+ ){0,5}over (?:the |his |her )?(?:bonnet|roof|car|van)", r"put (?:[\w']+ ){0,2}windows? (?:through|in)", r"stripped the paint", r"ripped (?:off|out|down)", r"pulled (?:off|down) (?:the|her|his)",
    r"snapped (?:[\w']+ ){0,4}(?:wing mirrors?|aerial|wipers?|fence|slats|benches|phone|laptop|glasses|in half)", r"punched (?:\d+ |a |two |three |several )?holes? in", r"(?<!letter )(?<!letters )(?<!note )(?<!card )(?<!leaflet )(?<!parcel )put (?!(?:a |an |the )?(?:letter|note|card|leaflet|flyer|parcel|package|keys?|post)\b)(?:[\w']+ ){0,3}through (?:the )?(?:[\w']+ ){0,3}(?:window|door|windscreen)",
    r"broke (?:[\w']+ ){0,3}(?:door|window|gate|fence) off", r"sprayed (?:on|across|over)", r"prised open", r"cut through", r"wrecked", r"destroyed", r"kicked (?:over|down|in)", r"(?:poured|threw) paint",
)
DAMAGE_CONTRARY = pattern(r"accident\w*",
                          *_glassing("smashed|shoved|rammed|pushed|thrust", "into|in|over", "his|her|my|their"), r"by mistake", r"storm", r"wind damage", r"wear and tear", r"unintentional\w*",
                          r"collision", r"road traffic collision", r"(?:his|her|their) own (?:phone|car|tv|property|belongings|door|things|stuff|laptop)",
                          r"fell over", r"reversed into", r"hit and run", r"already there", r"deposit", r"pre-?existing", r"(?:was|were) already (?:damaged|scratched|broken|dented)")
VEHICLE_OBJECT = pattern(VEHICLE + "s?", r"windscreen", r"wing mirrors?", r"tyres?", r"paintwork", r"bonnet", r"aerial", r"wipers?")
DWELLING_OBJECT = pattern(r"house", r"home", r"flat", r"front door", r"back door", r"windows?", r"letter ?box", r"bungalow", r"property",
                          r"address", r"porch", r"patio doors?", r"door")
BUILDING_OBJECT = BUSINESS
ARSON = pattern(r"setting (?:light|fire) to", r"(?:firework|lit rag|burning paper|petrol bomb)s? (?:[\w']+ ){0,3}through (?:the |her |his |their |my )?letter ?box", r"set (?:fire to|alight|on fire)", r"burning (?:rag|rags|paper|material|cloth)",
                r"(?:carpet|door|hallway|curtains?|house|car|van|bins?|shed|fence|hut|caravan)s? (?:was |were |is |are |now )?(?:alight|on fire|ablaze)", r"arson\w*", r"torch(?:ed)", r"burnt? out", r"burned (?:down|out)",
                r"(?:petrol|lit \w+|firework|burning \w+|accelerant)\w* (?:through|into) (?:the )?letter ?box",
                r"deliberately (?:set|started|lit)", r"lit (?:a fire|fire)", r"fire (?:was )?(?:deliberately|started deliberately)", r"set light to",
                r"(?:lit|lighted|burning) (?:[\w']+ )?(?:rags?|paper|fireworks?|rag) (?:through|into|in)", r"(?:pouring|poured|put|pushed|stuffed) (?:[\w']+ ){0,5}(?:and|then) (?:lit|lighting|set|ignited)",
                r"(?:front |back )?(?:door|car|van|shed|bin|bins|wheelie bin|house|flat|fence|vehicle)s? (?:was |were |is |has been |had been )?(?:on fire|alight|ablaze)",
                r"fire (?:was |has been )?(?:set|started|lit) (?:at|to|in|on|against)")
ARSON_CONTRARY = pattern(r"accidental(?:ly)? (?:fire|started)", r"chip pan", r"electrical fault", r"candle", r"cigarette (?:end|butt)", r"bonfire")
ENDANGERING = pattern(r"residents (?:\w+ )?(?:self[- ])?evacuat\w*", r"smoke (?:\w+ )?(?:up|into|through) the (?:stairwell|flats?|house|landing|block)",r"(?:while|whilst|with) (?:[\w']+ ){0,3}(?:inside|asleep|in the (?:house|flat|property|car))", r"occupied", r"letter ?box", r"endanger\w*",
                      r"people inside", r"family inside", r"trapped", r"got out", r"woke (?:up )?to smoke", r"occupants?", r"asleep", r"all out", r"family of \w+", r"smoke inhalation")
SEXUAL_ASSAULT = pattern(
    r"sexual(?:ly)? assault\w*", r"grop\w*", r"indecent(?:ly)? assault\w*", r"sexually abus\w*", r"abused (?:her|him|me) sexually",
    r"touch(?:ed|ing)? (?:her|his|my) (?:breasts?|bottom|bum|backside|groin|genitals|vagina|penis|crotch|private parts?|privates|chest|thighs?|between (?:her|his) legs|inner thigh)",
    r"touch(?:ed|ing)? (?:her|him|me) (?:sexually|inappropriately|intimately)", r"(?:grabbed|squeezed|slapped|pinched|touched|touching|groped|fondled) (?:her|his|my|their|both their|the) (?:breasts?|boobs?|bottoms?|bums?|backsides?|groin|crotch|genitals|penis|private parts|privates)",
    r"touched (?:her|him|me) sexually", r"hand on (?:her|his|my) (?:inner )?thigh", r"hand (?:up|inside) (?:her|his|my) (?:skirt|dress|top|shorts)",
    r"kissed (?:her|him) (?:without|against)", r"forced (?:her|him) to kiss", r"forcibly kissed",
    r"put (?:his|her) hands? (?:up|down|inside|under) (?:her|his) (?:skirt|top|trousers|shorts|underwear|dress|knickers)",
    r"rubbed (?:himself|his groin|his crotch|his penis) (?:against|on)",
)
RAPE = pattern(
    r"raped?", r"raping", r"rapist", r"penetrat\w*",
    r"(?:had|have|having) (?:sex|sexual intercourse) with (?:her|him|me) (?:without|against|while|when|despite)",
    r"forced (?:her|him|me) to have (?:anal |oral |vaginal )?sex", r"forced sex", r"forced (?:himself|herself) (?:on|upon|onto)", r"non[- ]?consensual (?:sex|intercourse)", r"(?:sex|sexual intercourse) without (?:her|his|my) consent",
    r"forced (?:himself|herself) (?:on|upon) (?:her|him)", r"(?:oral sex|sex) (?:on|with) (?:her|him) (?:without|against|while (?:she|he) was asleep)",
    # plain factual wording: the penetration is stated, consent is a separate point (presumed absent unless stated)
    r"(?:had|have|having|has had) (?:sex|sexual intercourse|oral sex|anal sex) with (?:her|him|me|the injured party|the victim|a \d+ year old|the girl|the boy)",
    r"(?:they|we) had sex", r"(?:made|forced|making) (?:her|him|me) (?:perform|give|have) (?:oral|sex|sexual acts)",
    r"(?:put|pushed|forced|inserted|stuck) (?:his |her )?(?:penis|fingers?|hand|dick|cock|it) (?:inside|in|into) (?:me|her|him|my|his|her)",
)
CONSENT_CONTRARY = pattern(r"consensual(?! sex)", r"consented(?! to (?:a |an |the )?(?:forensic|medical|examination|exam|police|being|photographs?|statement|interview|referral|sarc|swabs?|samples?|video))",
                          r"agreed to (?:sex|it)", r"was willing")
EXPOSURE = pattern(r"(?:taking|took|filming|filmed) (?:photos|pictures|pics|videos?|footage) of (?:women|girls|her|people|them|a woman|a girl) (?:[\w']+ ){0,3}(?:changing|undress\w*|in the (?:toilets?|showers?|changing room))",
                   r"upskirt\w*", r"voyeur\w*",r"expos(?:ed|ing) (?:himself|herself|his (?:penis|genitals))", r"indecent exposure", r"flash(?:ed|ing) (?:at|his|her)",
                   r"(?:showed|showing|flashed|flashing|exposed|exposing|got out) (?:her |him |them |me |the \w+ |two \w+ )?(?:his|her) (?:bits|penis|genitals|privates|private parts|willy|dick|knob|cock)",
                   r"(?:touching|playing with|rubbing|pleasuring) (?:himself|herself)",
                   r"masturbat\w*", r"upskirt\w*", r"voyeur\w*", r"filming (?:her|him) (?:in the|while|through|getting|undress\w*|in the shower)",
                   r"peeping", r"hidden camera", r"camera hidden", r"(?:phone|camera) (?:up|under) (?:a |her |the )?(?:woman's |girl's )?(?:skirt|dress)")
CYBERFLASH = pattern(r"(?:photo|picture|image|pic|video)s? of (?:his|her) (?:penis|genitals|private parts)", r"dick pics?", r"cyber ?flash\w*")
INTIMATE_IMAGES = pattern(
    r"(?:shar\w*|post\w*|sen[dt]\w*|upload\w*|threaten\w* to (?:share|post|send|upload|leak|release)) (?:[\w']+ ){0,3}(?:intimate|nude|naked|sexual|explicit) (?:images?|photos?|pictures?|videos?|pics)",
    r"revenge porn",
    r"(?:sent|shared|posted|put|uploaded|spread|showed|circulat\w*|leaked) (?:[\w']+ ){0,2}(?:nudes|nude (?:photos|pics|pictures|images)|naked (?:photos|pics|pictures|images)|intimate (?:photos|pics|images|videos?)|sex tape|explicit (?:photos|images|videos?|pics))",
    r"nudes of (?:her|him|me)", r"(?:nudes|intimate images|naked photos) (?:[\w']+ ){0,3}(?:shared|posted|sent|leaked)",
)
BLACKMAIL = pattern(r"blackmail\w*", r"sextortion", r"if (?:i|you|she|he) (?:don't|doesn't|do not|does not) (?:send|pay|transfer) (?:them|him|her|me|us)? ?(?:£\d+|money|cash)",
                    r"demand\w* (?:money|£\d+|\d+ pounds|payment|bitcoin|cash)\s(?:[\w']+ ){0,8}(?:or|otherwise|unless|else)",
                    r"unless (?:she|he|they|you) (?:pays?|sends?|transfers?)", r"(?:pay|send) (?:him|her|them)? ?(?:£\d+|money|cash) or (?:he|she|they) would")
THREATENING_MESSAGE = pattern(
    r"(?:text|message|letter|note|email|voicemail|post)s? (?:[\w']+ ){0,6}(?:saying|stating|reading|said)[ :\"']+(?:[\w']+ ){0,8}(?:watch your back|get what'?s coming|whats coming|be poisoned|be killed|be hurt|get hurt|burn|regret|be sorry|find you|know where you live)",
    r"(?:threatening|abusive and threatening|menacing) (?:messages?|texts?|emails?|letters?|voicemails?|posts?|comments?|calls?|phone calls?|notes?)",
    r"(?:messages?|texts?|emails?|posts?|voicemails?|voice notes?|letters?|snapchats?|whatsapps?|dms?|comments?) (?:[\w']+ ){0,3}(?:threatening|saying (?:he|she|they|we) (?:will|would|'ll|is going to|are going to|was going to))",
    r"(?:messaged|texted|emailed|wrote|posted) (?:[\w']+ ){0,3}(?:threaten\w*|that (?:he|she|they) (?:will|would|'ll|is going to) (?:hurt|harm|kill|get|find))",
    r"(?:text|texting|message|messaged|messaging|msg|voicemail|letter|email|note|post|dm|comment|voice note|snapchat|whatsapp|facebook|fb|instagram|insta|tiktok|sent)s?\b(?:[^\w\n]+[\w']+){0,30}?[^\w\n]+" + VIOLENT_THREAT_WORDS,
    r"(?:text|message|messaged|voicemail|letter|email|note|post|dm|comment|voice note|snapchat|whatsapp|facebook|instagram|tiktok)s?\b(?:[^\w.\n]+[\w']+){0,16}?[^\w.\n]+"
    r"(?:you'll be sorry|make (?:sure )?you suffer|(?:gets?|get) (?:cut|hurt|stabbed|done|shot|battered)|watch your back|know where (?:you|your)|"
    r"coming for you|you'll pay|you will pay|i'll get you|(?:you're|ur|your) dead|end you|do you in|sort you out|you'll regret|you will regret)",
)
BLADE = pattern(
    r"(?:carrying|carried|possession of|in possession|found (?:in possession )?with|concealing|concealed|hiding|tucked|searched and found|found on (?:him|her)|in (?:his|her) (?:waistband|pocket|bag|sock))"
    r" (?:[\w']+ ){0,3}(?:knife|knives|blade|machete|lock ?knife|flick ?knife|kitchen knife|bladed article|sword|zombie knife|box cutter|stanley knife|razor)",
    r"(?:knife|knives|blade|machete|lock ?knife|bladed article|zombie knife) (?:was |were )?(?:found|recovered|seized) (?:on|in) (?:him|her|his|her|the suspect)",
    r"(?:found|recovered|seized) (?:[\w']+ ){0,3}(?:knife|knives|blade|machete|lock ?knife|bladed article|zombie knife|flick ?knife)",
    r"(?:knife|knives|blade|machete|lock ?knife|bladed article|zombie knife) in (?:his|her) (?:waistband|pocket|bag|sock|jacket|coat|rucksack)",
    r"(?:brought|took|had|carrying|carried) (?:a |an |his |her )?(?:[\w']+ )?(?:knife|blade|machete) (?:into|to|in) (?:school|the street|town|public|his bag|her bag|college)",
    r"(?:knife|machete|blade|lock ?knife|bladed article) (?:was )?found",
    r"(?:had|has|with|keeps?) (?:a |an )?(?:[\w']+ )?(?:knife|machete|blade|bladed article|flick ?knife) (?:[\w']+ ){0,2}(?:in|on|down|under) (?:his|her|the) (?:[\w']+ )?(?:door pocket|pocket|waistband|bag|car|sock|jacket|coat|glove ?box|footwell|seat|belt)")
OTHER_WEAPON = pattern(r"carrying (?:a |an )?(?:[\w']+ )?(?:baseball bat|bat|hammer|crowbar|iron bar|cosh|weapon)", r"knuckle[- ]?dusters?", r"batons?", r"cosh", r"nunchucks?", r"offensive weapons?", r"pepper spray", r"cs spray")
PUBLIC_PLACE_CONTRARY = pattern(r"at (?:his|her|their) (?:home|house|flat)", r"in (?:his|her|their|the) (?:kitchen|bedroom|house|home|flat)")
DRUGS_FOUND = pattern(
    r"\d+ wraps", r"pwits", r"possession with intent to supply", r"(?:bag|bags|wrap|wraps|deal|deals|quantity) of (?:cannabis|weed|skunk|cocaine|crack|heroin|mdma|ketamine|spice)",
    r"(?:found|in possession of|possession of|possessing|seized|carrying|searched and found|had|holding|recovered|located) (?:[\w']+ ){0,9}"
    r"(?:cannabis|weed|skunk|cocaine|crack|heroin|mdma|ecstasy|ketamine|spice|amphetamine|controlled drugs?|class [abc]|drugs|wraps|cannabis resin|pills)",
    r"(?:cannabis|weed|skunk|cocaine|crack|heroin|mdma|ketamine|drugs|wraps|pills|resin|amphetamine) (?:was |were )?(?:found|recovered|seized)",
    r"(?:bag|bags|wraps?|deals?|quantity|amount|\d+ ?g|grams?|block|bar) (?:of )?(?:herbal |suspected |skunk )?(?:cannabis|weed|skunk|cocaine|crack|heroin|mdma|ketamine|spice)",
    r"(?:cannabis|weed|skunk|cocaine|crack|heroin|mdma|ketamine|spice) (?:[\w']+ ){0,5}(?:found|recovered|seized|located)",
    r"(?:green |brown )?(?:herbal|leafy) (?:matter|substance|material)(?: believed| smelling| suspected)?")
DRUG_SUPPLY = pattern(r"pwits", r"possession with intent to supply", r"line messages", r"deal line", r"handing (?:small )?packages", r"(?<!suspected )(?<!suspected drug )(?<!possible )(?<!reported drug )(?<!reporting drug )(?<!about drug )(?<!report drug )(?<!school )(?<!schools )dealing(?! with)", r"supplying", r"(?:selling|sells|sold) (?:drugs|cannabis|weed|cocaine|crack|heroin|wraps)", r"(?<!suspected )(?<!possible )drug deal\w*",
                      r"(?:dealer|deals) (?:drugs|from)", r"cannabis (?:farm|factory|grow)", r"growing cannabis", r"hand(?:ed|ing)? over (?:small )?(?:packages|wraps)")
CANNABIS = pattern(r"cannabis", r"weed", r"skunk", r"resin", r"herbal (?:matter|substance|material)")
NEGLECT = pattern(
    r"left (?:[\w']+ ){0,3}(?:children|child|kids|baby|toddler|infant|son|daughter|twins) (?:alone|unattended|home alone|on (?:their|his|her) own|by themselves)",
    r"neglect\w*", r"without food", r"locked (?:[\w']+ ){0,2}in (?:the |a )?(?:garden|room|cupboard|shed|bedroom)", r"(?:children|child|kids|baby|toddler) (?:[\w']+ ){0,4}(?:no food|unfed|filthy|malnourished|starving|soiled)", r"cruelty to (?:a )?child\w*",
    r"(?:children|child|kids|baby|toddler) (?:[\w']+ ){0,3}(?:left|locked) (?:alone|in)")
KIDNAP = pattern(r"kidnap\w*", r"(?:won't|wouldn't|will not|would not|refus\w* to) let (?:her|him|me) (?:out|leave|go)(?! (?:to|of (?:the|his|her) sight))",
                r"(?:child ?locked|locked) (?:the doors|her in|him in|me in)", r"bundled (?:her |him )?into", r"held (?:her|him) (?:against (?:her|his) will|captive|hostage)",
                 r"locked (?:her|him) in (?:a|the|his) (?:room|house|flat|bedroom|car|boot)", r"forced (?:her|him) into (?:the|a|his) (?:car|van|vehicle)",
                 r"false(?:ly)? imprison\w*", r"(?:wouldn't|would not|did not|didn't) let (?:her|him) leave")
CHILD_ABDUCTION = pattern(r"abduct\w*",
                          r"(?:grabbed|took hold of|pulled) (?:her|his) (?:arm|hand|wrist|coat|hood) and (?:told|tried to (?:get|pull|drag|make)) (?:her|him) (?:to )?(?:get )?in(?:to)?\b",
                          r"(?:tried to|trying to|attempted to) (?:get|pull|drag|lure|entice|bundle) (?:her|him|the (?:girl|boy|child)) into (?:a |the |his |a white |a black )?(?:van|car|vehicle)", r"(?:took|taken|snatched) (?:the |her |his |their )?(?:child|son|daughter|baby|toddler) (?:[\w']+ ){0,4}(?:without|from school|abroad)")
SLAVERY = pattern(r"modern slavery", r"traffick\w*", r"forced (?:to work|labour)", r"(?:passport|documents|id) (?:[\w']+ ){0,2}(?:taken|held|withheld|kept) by (?:the )?(?:employer|boss|gang)",
                  r"working (?:for no|without) (?:pay|wages)", r"debt bondage", r"servitude", r"exploited (?:for|as) (?:labour|work)")
DANGEROUS_DRIVING = pattern(r"dangerous(?:ly)? driv\w*", r"driv\w* dangerously", r"drove (?:[\w']+ ){0,2}(?:at|towards) (?:her|him|them|pedestrians|officers)",
                            r"(?:drove|reversed) (?:into|at) (?:her|him|them|pedestrians|officers)(?! (?:car|van|vehicle|motor|bike|gate|wall|fence|house|drive))", r"police pursuit",
                            r"\d{2,3} ?mph (?:in|through) (?:a |the )?\d{2}", r"1\d\d\+? ?mph", r"wrong way (?:up|down|on|along|round)",
                            r"overt(?:ak\w*|ook) (?:[\w']+ ){0,3}(?:blind bends?|hard shoulder|into oncoming|on the wrong side|double white lines)",
                            r"(?:forced|forcing) (?:[\w']+ ){0,3}(?:onto the verge|off the road|to swerve|into the verge)")
THREAT_TO_DAMAGE = pattern(r"or (?:it|the \w+|your \w+) (?:gets|will get|will be|'ll get) (?:torched|burnt|burned|smashed|damaged|keyed|wrecked)", 
    r"threat\w* to (?:smash|damage|burn|torch|set fire to|key|slash|put (?:the|her|his|your) windows? in|brick|wreck)(?! (?:the |her |his |your |their )?(?:face|head|teeth|skull|jaw|legs?))",
    r"(?:said|says|shouted|told (?:[\w']+ ){1,2})(?: that)? (?:he|she|they) (?:would|will|'ll|was going to|is going to) (?:come back and )?(?:smash|damage|burn|torch|set fire|put (?:[\w']+ )?windows? in|brick|wreck)(?! (?:the |her |his |your |their )?(?:face|head|teeth|skull|jaw|legs?))",
    r"(?:i'll|i will|i'm going to|i am going to|i'm gonna|we'll|we will|we're going to) (?:smash|burn|torch|put your windows in|wreck)",
    r"put (?:every|all|all of|all the|the|your|ur) (?:[\w']+ )?windows? (?:in|through|thru|out)", r"put (?:every|all|all the) (?:[\w']+ ){0,2}windows? in (?:your|ur|her|his|the) (?:[\w']+ )?(?:house|car|van|flat|shop)",
    r"(?:i'll|he'll|she'll|they'll|we'll|will|gonna|going to) (?:[\w']+ )?(?:do|smash|wreck|torch|burn|key|trash) (?:the|your|ur|her|his) (?:car|van|house|windows?|motor|shop|greenhouse)")
VIOLENT_DISORDER = pattern(r"\d+ (?:youths|males|men|people|lads) (?:[\w']+ ){0,2}fighting", r"mass brawl", r"brawl\w*", r"(?:group|gang|crowd) of (?:\d+ |several |numerous |ten |twenty |\w+ )?(?:males|people|men|youths|lads) (?:[\w']+ ){0,3}fighting",
                           r"(?:throwing|threw) (?:bottles|chairs|glasses|missiles) at each other", r"running battle", r"(?:large|mass|big|huge) fight", r"fight (?:involving|between) (?:\d+|a large|several|numerous|a group)", r"\d+-\d+ (?:people|males|men|youths) fighting",
                           r"violent disorder", r"(?:bottles|chairs|glasses|missiles) (?:being )?thrown")
FRAUD_CONTRARY = pattern(r"action fraud")
# a threat to kill an animal is not a threat to kill a person (OAPA 1861 s16); it may be harassment or 8R
ANIMAL_THREATENED = pattern(r"(?:kill|murder|shoot|poison) (?:her|his|their|the|your|my|injured party's) (?:cat|dog|pet|dogs|cats|horse|rabbit|animals?)")
# Public Order Act 1986 s4 (fear of immediate violence) or s4A (intentional alarm or distress, also
# class 9A): a threat of violence made to someone's face, "next time" included, is recorded (every
# corpus writer labels it so). A partner's threat tied to her leaving him ("if you leave me") is read
# as part of a course of control, not a public order offence; "no threats made" defeats it.
# "verbal only" and "no assault alleged" are the call handler's record that the caller alleges no offence
FUTURE_THREAT = pattern(r"no threats(?: or violence)? (?:made|tonight|today|used)", r"verbal only", r"no (?:assault|offence) alleged",
                        r"if (?:she|he|you|they|the injured party|injured party) (?:ever )?(?:leaves?|left|finishes|ends)")

# --- the declared rules ---------------------------------------------------------------------------------
_UNLAWFUL = Point("unlawful (no lawful excuse such as self-defence)", kind=PRESUMED, contrary=UNLAWFUL_CONTRARY)
_FORCE = Point("force applied or apprehended", FORCE)
_AGGRAVATED = (("racially or religiously aggravated", RACIAL),)
_VAP = "HOCR Violence against the person"

HOMICIDE = pattern(r"(?:stab wounds?|injuries|gunshot wounds?)(?: \w+){0,6},? (?:[\w']+ ){0,3}(?:deceased|died|dead)", r"(?:i've|i have|has|had|he|she|they) (?:just )?killed (?:my|his|her|their|him|her)", r"murdered", r"suspicion of murder",
                   r"(?:stabbed|beaten|strangled|kicked) (?:[\w']+ ){0,3}to death", r"(?:female|male|victim|she|he) (?:was |is )?(?:pronounced )?(?:deceased|dead) (?:[\w']+ ){0,6}(?:stab|injur|assault|hit|attack)",
                   r"(?:fight|assault\w*|attack\w*|stabb\w*|kicked|beaten|punched)[^.\n]{0,80}(?:pronounced (?:dead|deceased|life extinct)|died (?:at|in|later|from)|later died)",
                   r"(?:pronounced (?:dead|deceased|life extinct)|died)[^\n]{0,160}(?:kicked|stabbed|beaten|punched|attacked|assaulted) (?:him|her)", r"homicide (?:team|investigation|enquiry)", r"murder (?:team|investigation|enquiry)")
ATTEMPTED_MURDER = pattern(r"attempted murder", r"tried to kill", r"trying to kill", r"attempt(?:ed)? to kill", r"(?:poured|doused) (?:petrol|fuel|accelerant) (?:over|on) (?:her|him)",
                           r"not leaving (?:me )?alive")
ENDANGERING_LIFE = pattern(r"spiked", r"administer\w* (?:a )?(?:poison|drug|noxious)", r"poison\w*", r"ghb", r"rohypnol")
GROOMING = pattern(r"groom\w*", r"sexual messages", r"sexual questions", r"asked (?:him|her|my \w+) to (?:send|meet)",
                   r"(?:pictures|photos|pics|images) of (?:himself|herself) in (?:his|her) (?:boxers|underwear|bra|knickers|pants)", r"send (?:him |her )?(?:nudes|naked (?:pictures|photos|pics))", r"(?:arrange\w*|agreed|planned) (?:an? )?(?:arrangement )?to meet", r"sexual (?:chat|conversations?|images?) (?:with|from|to) (?:a |an |the )?(?:child|\d+ year old|girl|boy)")
CHILD = pattern(r"(?:son|daughter|boy|girl|child|he|she) is (?:only )?(?:[1-9]|1[0-5])\b", r"(?:[1-9]|1[0-5]) ?(?:yo|yrs? old|years? old|year-old)\b", r"child", r"\d{1,2} year old (?:son|daughter|boy|girl)", r"(?:son|daughter|boy|girl) (?:aged )?\(?1[0-5]\)?", r"aged 1[0-5]", r"pupil", r"schoolgirl", r"schoolboy", r"(?:13|14|15) year old")
FRAUD = pattern(r"cloned", r"card details (?:have been |were |had been )?used", r"(?:said|saying|claimed|claiming|claims) (?:he|she|they) (?:was|were|is|are) (?:from|a|an) (?:her|his|the)? ?(?:bank|police|nurse|hmrc|microsoft)",
                r"(?:sent|transferred) £[\d,]+ (?:[\w']+ ){0,8}(?:online|overseas)", r"romance", r"fraud\w*", r"scam\w*", r"phishing", r"(?:bank|card|account) (?:details )?(?:used|compromised|emptied)", r"(?:transferred|sent|paid) (?:£\d+|money|\d+ pounds) (?:[\w']+ ){0,6}(?:fake|bogus|never arrived|never received|not real)",
                r"(?:fake|bogus) (?:seller|website|invoice|advert|investment)", r"pretending to be (?:from )?(?:her|his|the) bank", r"impersonat\w*",
                r"spoofed", r"new bank details", r"(?:seller|buyer) (?:[\w']+ ){0,3}(?:stopped answering|blocked|disappeared|vanished)", r"never (?:arrived|received|turned up|delivered)")
CARD_FRAUD = pattern(r"card", r"bank account", r"online banking", r"debit", r"credit card", r"contactless", r"(?:safe|his|her|their|my) account", r"account (?:was |had been )?(?:emptied|compromised|accessed)")
MACHINE = pattern(r"coin box(?:es)?", r"meters?", r"vending machines?", r"fruit machines?", r"cash machines?", r"parking meters?", r"gas meter", r"arcade machines?", r"charity box")
MAIL = pattern(r"royal mail", r"sorting (?:office|frame)", r"postal worker", r"(?:from|out of) (?:the |a )?(?:postman|postwoman)(?:'s)?", r"postman'?s? (?:bag|trolley|van)", r"mail ?bags?", r"birthday cards containing")
# the person let in, named as such ("her carer", "the builders"), not the caller's own trade ("rp builder")
IN_DWELLING = pattern(r"(?:the|a|an|her|his|their|my|our) (?:[\w']+ )?(?:carers?|cleaners?|lodgers?|house ?guests?|visitors?|builders?|tradesm[ae]n|workm[ae]n)")

RULES: tuple[OffenceRule, ...] = (
    OffenceRule("1", (Point("unlawful killing", HOMICIDE),), f"Common law murder; {_VAP}", supersedes=("5D", "8N", "105A", "2")),
    OffenceRule("2", (Point("act with intent to kill", ATTEMPTED_MURDER, kind=STATEMENT),), f"Criminal Attempts Act 1981 s1 (murder); {_VAP}",
                supersedes=("5D", "8N", "105A", "3B", "56A", "56B", "58A")),
    OffenceRule("5E", (Point("poison or noxious thing administered, endangering life", ENDANGERING_LIFE),),
                f"Offences Against the Person Act 1861 s23/s24; {_VAP}", supersedes=("5D", "8N")),
    OffenceRule("88A", (Point("communication with a child for a sexual purpose, or arranging to meet", GROOMING), Point("a child under 16", CHILD)),
                "Sexual Offences Act 2003 s15/s15A; HOCR Sexual offences"),
    OffenceRule("53D", (Point("dishonest false representation for gain", FRAUD),),
                "Fraud Act 2006 s2; recorded centrally by Action Fraud (catalogue notes)", variants=(("53C", CARD_FRAUD),), supersedes=("49", "35")),
    OffenceRule("105A", (_FORCE, _UNLAWFUL, Point("no injury (injury would make it 8N)", INJURY_CONTRARY, required=False)),
                f"Criminal Justice Act 1988 s39 (common assault/battery); {_VAP}", variants=(("105B", RACIAL), ("104", CONSTABLE))),
    OffenceRule("8N", (_FORCE, _UNLAWFUL, Point("injury caused", INJURY, contrary=INJURY_CONTRARY)),
                f"Offences Against the Person Act 1861 s47 (ABH) / s20; {_VAP}", variants=(("8P", RACIAL), ("8S", CONSTABLE)),
                supersedes=("105A", "105B", "104")),
    OffenceRule("5D", (_FORCE, Point("serious harm caused or intended (wounding, weapon, GBH)", SERIOUS_INJURY), _UNLAWFUL),
                f"Offences Against the Person Act 1861 s18; {_VAP}", supersedes=("8N", "105A", "8P", "105B")),
    OffenceRule("8SF", (Point("strangulation or suffocation", STRANGULATION, contrary=STRANGULATION_CONTRARY), _UNLAWFUL),
                f"Serious Crime Act 2015 s75A (in force 7 June 2022); {_VAP}", valid_from="2022-06-07", fallback="8N",
                supersedes=("105A",)),
    OffenceRule("3B", (Point("threat to kill made", THREAT_TO_KILL, kind=STATEMENT, contrary=ANIMAL_THREATENED),
                       Point("intending the victim to fear it would be carried out", FEAR, required=False)),
                f"Offences Against the Person Act 1861 s16; {_VAP}", supersedes=("9A", "8R", "9B")),
    OffenceRule("9A", (Point("threatening words or behaviour (fear or provocation of violence)", THREAT_OF_VIOLENCE, kind=STATEMENT),
                       Point("violence feared now, not on a future condition", kind=PRESUMED, contrary=FUTURE_THREAT),
                       Point("caused or likely to cause fear, alarm or distress", FEAR, required=False)),
                "Public Order Act 1986 s4/s4A; HOCR Public order offences", variants=(("9B", RACIAL),)),
    OffenceRule("8Q", (Point("stalking behaviour (following, watching, loitering, turning up, tracking)", STALKING_BEHAVIOUR),
                       Point("course of conduct (2 or more occasions)", COURSE),
                       Point("causing fear, alarm or distress", FEAR, required=False)),
                "Protection from Harassment Act 1997 s2A/s4A; HOCR Stalking and harassment (ex-partners: record stalking, domain.md 1.9)",
                supersedes=("8L", "8M", "8R", "9A")),
    OffenceRule("8L", (Point("unwanted contact or conduct (calling, messaging, turning up, abuse)", CONTACT),
                       Point("course of conduct (2 or more occasions)", COURSE),
                       Point("causing alarm or distress", FEAR)),
                "Protection from Harassment Act 1997 s2; HOCR Stalking and harassment", variants=(("8M", RACIAL), ("8Q", EX_PARTNER)),
                supersedes=("8R", "9A")),
    OffenceRule("8U", (Point("controlling or coercive behaviour", CONTROL, minimum=2),
                       Point("personally connected (partner, ex-partner or family)", CONNECTED),
                       Point("serious effect on the victim", SERIOUS_EFFECT, required=False)),
                "Serious Crime Act 2015 s76 (ex-partners not living together covered from 5 April 2023); HOCR Stalking and harassment",
                valid_from="2015-12-29", supersedes=("8L", "8Q", "8R")),
    OffenceRule("8R", (Point("threatening message sent", THREATENING_MESSAGE, kind=STATEMENT),),
                "Malicious Communications Act 1988 s1 (rude but not threatening messages are not recorded since May 2023, domain.md 1.8)"),
    OffenceRule("19C", (Point("penetration", RAPE), Point("without consent", kind=PRESUMED, contrary=CONSENT_CONTRARY)),
                "Sexual Offences Act 2003 s1; HOCR Sexual offences", supersedes=("20A", "17A", "105A", "8N")),
    OffenceRule("20A", (Point("sexual touching", SEXUAL_ASSAULT), Point("without consent", kind=PRESUMED, contrary=CONSENT_CONTRARY)),
                "Sexual Offences Act 2003 s3; HOCR Sexual offences", supersedes=("105A",)),
    OffenceRule("88E", (Point("exposure or voyeurism", EXPOSURE),), "Sexual Offences Act 2003 s66/s67; HOCR Sexual offences"),
    OffenceRule("88CF", (Point("image of genitals sent", CYBERFLASH),), "Sexual Offences Act 2003 s66A (from 31 January 2024)",
                valid_from="2024-01-31", fallback="8R"),
    OffenceRule("88II", (Point("intimate image shared or threatened", INTIMATE_IMAGES, kind=STATEMENT),),
                "Sexual Offences Act 2003 s66B (from 31 January 2024)", valid_from="2024-01-31", fallback="8R"),
    OffenceRule("35", (Point("demand with menaces", BLACKMAIL, kind=STATEMENT),), "Theft Act 1968 s21; HOCR Other theft offences",
                supersedes=("88II", "8R", "49", "9A")),
    OffenceRule("34B", (Point("stealing", TAKE, required=False), Point("force or threat of force to steal", ROBBERY)),
                "Theft Act 1968 s8; HOCR Robbery", variants=(("34A", BUSINESS),),
                supersedes=("39", "49", "105A", "8N", "9A", "46", "44", "48", "10D", "10C", "58A", "58B", "58C", "58D")),
    OffenceRule("29A", (Point("entry as a trespasser", BURGLARY), Point("armed with a weapon", WEAPON_WORDS)),
                "Theft Act 1968 s10; HOCR Burglary", victim=PROPERTY, variants=(("31A", BUSINESS),),
                supersedes=("28E", "30C", "49", "58A", "58B", "34B", "34A", "10D", "10C", "105A", "8N")),
    OffenceRule("28E", (Point("entry to a building as a trespasser", BURGLARY, contrary=DWELLING_CONTRARY),
                        Point("theft, damage or intent to steal", TAKE, required=False)),
                "Theft Act 1968 s9; HOCR Burglary (residential includes outbuildings within the boundary)", victim=PROPERTY,
                variants=(("28G", DISTRACTION), ("30C", BUSINESS)), supersedes=("49", "40", "44", "45", "48", "58A", "58B", "58D", "28F", "30D")),
    OffenceRule("28G", (Point("entry gained by a false pretence (distraction)", DISTRACTION), Point("stealing", TAKE, contrary=LOST_CONTRARY)),
                "Theft Act 1968 s9; HOCR Burglary (distraction burglary, residential)", victim=PROPERTY,
                supersedes=("28E", "40", "49", "46")),
    OffenceRule("28F", (Point("attempted entry as a trespasser", ATTEMPT_BURGLARY, kind=STATEMENT),),
                "Criminal Attempts Act 1981 s1 with Theft Act 1968 s9; HOCR Burglary", victim=PROPERTY,
                variants=(("30D", BUSINESS),), supersedes=("58A", "58B", "58D")),
    OffenceRule("48", (Point("motor vehicle taken", VEHICLE_TAKEN),), "Theft Act 1968 s1 / s12; HOCR Vehicle offences",
                victim=PROPERTY, supersedes=("49", "45", "58C")),
    OffenceRule("45", (Point("stealing", TAKE), Point("from a vehicle", FROM_VEHICLE)), "Theft Act 1968 s1; HOCR Vehicle offences",
                victim=PROPERTY, supersedes=("49", "58C", "126")),
    OffenceRule("126", (Point("interfering with a motor vehicle", INTERFERING),), "Criminal Attempts Act 1981 s9; HOCR Vehicle offences",
                victim=PROPERTY, supersedes=("28F",)),   # trying car doors is interference, not an attempted burglary
    OffenceRule("44", (Point("stealing", TAKE, contrary=LOST_CONTRARY), Point("a pedal cycle", BICYCLE)),
                "Theft Act 1968 s1 / s12(5); HOCR Theft", victim=PROPERTY, supersedes=("49",)),
    OffenceRule("39", (Point("stealing", TAKE), Point("from the person, without force", FROM_PERSON)),
                "Theft Act 1968 s1; HOCR Theft", victim=PROPERTY, supersedes=("49",)),
    OffenceRule("46", (Point("stealing", TAKE), Point("from a shop or stall", SHOP)), "Theft Act 1968 s1; HOCR Theft",
                victim=PROPERTY, supersedes=("49", "49A")),
    OffenceRule("49A", (Point("making off without paying", MAKING_OFF), Point("for goods or a service on the spot", SERVICE)),
                "Theft Act 1978 s3; HOCR Theft", victim=PROPERTY, supersedes=("49", "46")),
    OffenceRule("47", (Point("stealing", TAKE), Point("from an automatic machine or meter", MACHINE)), "Theft Act 1968 s1; HOCR Theft",
                victim=PROPERTY, supersedes=("49", "58B", "58D", "30C")),
    OffenceRule("42", (Point("stealing", TAKE), Point("mail in the post", MAIL)), "Theft Act 1968 s1; Postal Services Act 2000 s83-84; HOCR Theft",
                victim=PROPERTY, supersedes=("49", "41")),
    OffenceRule("40", (Point("stealing", TAKE), Point("in a dwelling, by someone allowed in", IN_DWELLING)), "Theft Act 1968 s1; HOCR Theft",
                victim=PROPERTY, supersedes=("49",)),
    OffenceRule("49", (Point("dishonest appropriation of property", TAKE, contrary=LOST_CONTRARY),),
                "Theft Act 1968 s1; HOCR Theft", victim=PROPERTY),
    OffenceRule("56B", (Point("property set on fire", ARSON, contrary=ARSON_CONTRARY),),
                "Criminal Damage Act 1971 s1(3); HOCR Arson and criminal damage", victim=PROPERTY,
                variants=(("56A", ENDANGERING),), supersedes=("58A", "58B", "58C", "58D")),
    OffenceRule("58D", (Point("property destroyed or damaged", DAMAGE, contrary=DAMAGE_CONTRARY),
                        Point("belonging to another, without lawful excuse", kind=PRESUMED, contrary=DAMAGE_CONTRARY)),
                "Criminal Damage Act 1971 s1(1); HOCR Arson and criminal damage", victim=PROPERTY,
                variants=(("58J", RACIAL), ("58C", VEHICLE_OBJECT), ("58B", BUILDING_OBJECT), ("58A", DWELLING_OBJECT))),
    OffenceRule("59", (Point("threat to destroy or damage property", THREAT_TO_DAMAGE, kind=STATEMENT),),
                "Criminal Damage Act 1971 s2; HOCR Arson and criminal damage"),
    OffenceRule("10D", (Point("has an article with a blade or point", BLADE, kind=STATEMENT),
                        Point("in a public place", kind=PRESUMED, contrary=PUBLIC_PLACE_CONTRARY)),
                "Criminal Justice Act 1988 s139; HOCR Possession of weapons", victim=STATE),
    OffenceRule("10C", (Point("has an offensive weapon", OTHER_WEAPON), Point("in a public place", kind=PRESUMED, contrary=PUBLIC_PLACE_CONTRARY)),
                "Prevention of Crime Act 1953 s1; HOCR Possession of weapons", victim=STATE),
    OffenceRule("92A", (Point("supplying or intending to supply a controlled drug", DRUG_SUPPLY),),
                "Misuse of Drugs Act 1971 s4/s5(3); HOCR Drug offences", victim=STATE, supersedes=("92D", "92E")),
    OffenceRule("92D", (Point("in possession of a controlled drug", DRUGS_FOUND, kind=STATEMENT),),
                "Misuse of Drugs Act 1971 s5(2); HOCR Drug offences", victim=STATE, variants=(("92E", CANNABIS),)),
    OffenceRule("11A", (Point("wilful neglect or ill-treatment of a child", NEGLECT),), "Children and Young Persons Act 1933 s1; HOCR VAP"),
    OffenceRule("36", (Point("taking or detaining by force or fraud", KIDNAP),), "Common law kidnapping / false imprisonment; HOCR VAP"),
    OffenceRule("13", (Point("child taken or detained", CHILD_ABDUCTION),), "Child Abduction Act 1984; HOCR VAP"),
    OffenceRule("106", (Point("held in slavery, servitude, forced labour or trafficked", SLAVERY),), "Modern Slavery Act 2015 s1/s2; HOCR VAP"),
    OffenceRule("802", (Point("dangerous driving", DANGEROUS_DRIVING),), "Road Traffic Act 1988 s2; HOCR Miscellaneous crimes", victim=STATE),
    OffenceRule("62A", (Point("three or more using or threatening unlawful violence", VIOLENT_DISORDER),), "Public Order Act 1986 s2; HOCR Public order",
                victim=STATE, supersedes=("105A", "9A")),
) + SOCIETY_RULES
