"""What kind of report this is, apart from the offences: why no crime is recorded, domestic abuse,
ASB category, vulnerability, and acts the narrative says were already reported.

NCRS recording test (domain.md 1.3): record when, on the balance of probabilities, the report
amounts to a crime and there is no credible evidence to the contrary immediately available. So:
- a retraction, a victim who will not support a prosecution, or a suspect's denial does not stop
  the recording of a crime already disclosed (only credible, provable evidence to the contrary does);
- a historic report is still a crime;
- a crime that happened in another force's area is transferred (Annex A; flowchart step 6);
- a third-party report of a crime the victim will not confirm or cannot be traced for is closed as
  a crime-related incident (flowchart steps 4-5; for rape an N100, domain.md 1.5).
"""

from __future__ import annotations

from dataclasses import dataclass

from vigil.reading import context
from vigil.reading.offence_rules import STALKING_BEHAVIOUR
from vigil.reading.points import pattern
from vigil.reading.text import Normalised

# The police forces of England and Wales (the 43 police areas of the Police Act 1996, Schedule 1, by the
# names officers use), British Transport Police, Police Scotland and the PSNI: "transferred to West Mercia".
POLICE_FORCES = ("avon and somerset", "bedfordshire", "cambridgeshire", "cheshire", "city of london", "cleveland", "cumbria",
                 "derbyshire", "devon and cornwall", "dorset", "durham", "dyfed[- ]powys", "essex", "gloucestershire",
                 "greater manchester", "gwent", "hampshire", "hertfordshire", "humberside", "kent", "lancashire", "leicestershire",
                 "lincolnshire", "merseyside", "metropolitan", "the met", "norfolk", "north wales", "north yorkshire", "northamptonshire",
                 "northumbria", "nottinghamshire", "south wales", "south yorkshire", "staffordshire", "suffolk", "surrey", "sussex",
                 "thames valley", "warwickshire", "west mercia", "west midlands", "west yorkshire", "wiltshire",
                 "british transport police", "btp", "police scotland", "psni")
_FORCE_NAME = "(?:" + "|".join(POLICE_FORCES) + ")(?: police| constabulary)?"

# Reasons that stop recording even when an offence is described (checked first, in this order).
OVERRIDING_REASONS = (
    ("transfer to another force", "HOCR General Rules Annex A (NCRSG protocol): the crime is recorded by the force where it occurred",
     pattern(r"(?:another|other|different|neighbouring) (?:police )?force(?:'s)?(?: area)?", r"out of force(?: area)?",
             r"(?:occurred|happened|took place) (?:\w+ ){0,4}in (?:the )?(?:[a-z]+ ){0,3}(?:police|constabulary)(?: force)? area", r"passed to (?:that|the other|the relevant|the home|the local) force",
             r"(?:transfer\w*|pass\w*|refer\w*|forward\w*|sent) (?:\w+ ){0,3}to (?:the )?(?:[a-z]+ ){1,3}(?:police|constabulary)",
             r"(?:police|constabulary) (?:to record|will record|are recording|have recorded|to deal|to investigate)",
             r"outside (?:the |our |this )?(?:force|met|police) area", r"their ref(?:erence)? to follow", r"they will record",
             r"(?:passed|referred|transferred|sent|handed) (?:\w+ ){0,4}to (?:the )?(?:btp|british transport police)", r"british transport police to (?:record|deal)",
             r"(?:advised|told|referred|directed|signposted|details passed to|passed to|reported to|report to|contact) (?:[a-z]+ ){0,2}(?:police|constabulary)(?! (?:station|officers?|van|car|were|are|attended))",
             r"police scotland", r"psni", r"(?:as|is) (?:his|her|their|my|our) local force", r"(?:wanted|wants) to report (?:it )?(?:here|locally)",
             r"who will record", r"(?:so )?reporting it here", r"(?:didn't|did not) report it (?:down there|up there|there)",
             r"(?:just )?got (?:back )?home and (?:wanted|want) to report", r"(?:i|he|she|they) (?:live|lives) (?:now )?in \w+(?: \w+)? (?:now )?so (?:reporting|i'm reporting|wanted to report)",
             r"(?:transfer|transferred|pass|passed|refer|referred) (?:\w+ ){0,3}to (?:[a-z]+ ){1,3}(?:police|constabulary|force)",
             r"(?:passed|referred|transferred|sent|handed) (?:over )?to (?:[a-z]+ ){1,3}to (?:record|deal|investigate)", r"(?:informed|notified) and (?:have|has) taken the report",
             r"(?:police|constabulary) (?:contacted|informed|notified)[\w, ]{0,60}(?:will record|to record|their ref)",
             # the victim was away when it happened and reports at home (NCRS Annex A: recorded where it occurred)
             r"(?:on|while on|was on|during) (?:a |my |our |his |her |their )?(?:holiday|stag do|hen do|stag weekend|hen weekend|weekend away|trip away) (?:in|to|at) ",
             r"while (?:he|she|i|they|we) (?:was|were) (?:on holiday|away on holiday|visiting (?:family|friends|relatives))",
             r"(?:only |just )?(?:reporting|reported|report(?:ing)? it) (?:now|today|here) (?:that |as |because |now )?(?:he|she|i|they|we)(?:'s|'m|'re| is| am| are| was)? (?:back |now )?(?:home|here)",
             r"(?:because|as|since) (?:i|he|she|they|we) (?:live|lives) (?:round )?here", r"(?:live|lives) here so (?:rang|called|reported|is reporting)",
             r"(?:has|have) come back (?:home )?to [a-z]+", r"(?:i|he|she|they|we) (?:only )?got (?:back )?home (?:today|yesterday|last night|this morning)",
             rf"(?:transferred|passed|referred|sent|handed|forwarded|reported|details passed) (?:\w+ ){{0,3}}to {_FORCE_NAME}\b", rf"recorded by {_FORCE_NAME}\b",
             rf"{_FORCE_NAME} (?:area|to record|will record|are recording|have recorded|to deal|ref(?:erence)?)\b", r"(?:crime|it) (?:is )?to be recorded there",
             # the railway and the Underground are British Transport Police's to record
             r"on (?:the |a )?(?:tube|underground|overground|(?:northern|victoria|central|jubilee|district|piccadilly|bakerloo|metropolitan|circle|elizabeth|hammersmith and city) line)\b",
             r"(?:is|are|'s|'re|got|now) back home now", r"(?:she|he|they) now lives? in [a-z]+", r"on a (?:coach|day|school|works|family) trip (?:to|in) ",
             r"while (?:\w+ )?(?:was |were )?(?:staying|visiting) (?:\w+ ){0,4}in [a-z]+")),
    ("credible evidence to the contrary", "NCRS recording test (b): credible evidence to the contrary immediately available (domain.md 1.3)",
     pattern(r"cctv (?:[\w-]+ ){0,5}(?:shows?|showed|confirms?|confirmed) (?:\w+ ){0,6}(?:no (?:offence|assault|crime|contact|theft|one)|not|nothing|nobody|(?:she|he|(?:the )?injured party|(?:the )?caller|they) (?:fell|tripped|dropped|left|gave|was the aggressor))",
             r"(?:cctv|footage|body worn video|bwv|video|dashcam|ring doorbell) (?:\w+ ){0,3}(?:shows?|showed|confirms?|confirmed|proves?) (?:\w+ ){0,5}(?:fell|tripped|self[- ]defen[cs]e|no (?:offence|crime|assault))",
             r"(?:found|located|returned|turned up|recovered) (?:\w+ ){0,3}(?:at home|in (?:her|his|the) (?:car|bag|house|pocket|flat)|by (?:her|his) (?:husband|wife|son|daughter|partner|family))",
             r"(?:admit\w*|confess\w*) (?:\w+ ){0,4}(?:made (?:it|the (?:story|allegation)) up|fabricat\w*|lied|false)", r"false (?:report|allegation)",
             r"no offences?(?: (?:took place|occurred|disclosed|committed|by|to pursue))?", r"(?:recovered|repossessed) by (?:a |the )?(?:repossession|finance|bailiff)\w*",
             r"(?:cctv|bwv|body worn video|footage) (?:[\w,]+ ){0,8}(?:no contact|no offence|another room|attacking (?:the|him|her))",
             r"(?:cctv|bwv|body worn video|footage|dashcam|ring doorbell)[^.\n]{0,120}\bno (?:punch|blow|kick|push|assault|contact|offence|damage|theft)(?: was)?(?: (?:thrown|made|seen|took place|occurred|committed))?",
             # what the footage shows, not what a party says ("they never touched us" is an account, not evidence)
             r"(?:cctv|bwv|body worn video|footage|video)[^.\n]{0,100}(?:at no point|never) (?:touched|hit|assaulted|struck|pushed|made contact with|laid a hand on)", r"repossess\w*",
             r"(?:his|her|their) (?:son|daughter|husband|wife|partner|brother|sister|dad|mum|father|mother|flatmate|housemate|friend) (?:had |has )?(?:taken|borrowed|moved|got|used) (?:it|them|the \w+)",
             r"(?:bike|car|phone|item|it|bag|wallet|purse|van|vehicle) (?:is |was |now )?back (?:home|now|safe|with)",
             r"(?:cctv|bwv|footage|video)[^\n]{0,200}(?:lost (?:his|her) footing|losing (?:his|her )?footing|fell over (?:on (?:his|her) own|by (?:himself|herself))|tripped)",
             r"(?:cctv|bwv|footage|video)[^\n]{0,160}\bno (?:headbutt|punch|strike|blow|kick|push|assault|contact)",
             r"(?:cctv|bwv|body worn video|footage|video)[^\n]{0,200}(?:no (?:physical )?contact|(?:never|not|doesn't|does not) (?:\w+ ){0,5}touch\w*)(?: \w+){0,3} at any (?:point|time)",
             r"(?:was |were |has been |had been |has |had )?handed (?:it |them )?in (?:to|at|behind|by)", r"found (?:it|them) down the (?:back|side)", r"lost property (?:office |department |team )?(?:have|has|had) (?:got )?(?:it|them)\b",
             r"found (?:under|down the side of|down the back of|behind) (?:the|a|her|his|their) ",
             r"found (?:the |her |his |my |their )?(?:phone|purse|wallet|bag|handbag|keys|it|them) (?:[\w']+ ){0,3}(?:on|in|down|under|behind) (?:the |her |his |my |their )?(?:back )?(?:seat|side|bottom|floor|car|bag|pocket)",
             r"all along", r"returned to (?:the |its )?owner", r"reunited with", r"(?:walked|went) away without it",
             r"(?:paid|payment) (?:at|for|on|through) (?:the )?(?:self[- ]?(?:checkout|scan)|till)", r"receipt (?:located|found|produced|shown)", r"transaction (?:found|located)",
             r"till (?:log|record|roll)s? (?:show|confirm)", r"(?:cctv|footage)[^\n]{0,80}\b(?:drop|dropped|drops) (?:his|her|the) (?:phone|wallet|purse|bag|keys)",
             r"(?:was|were) in (?:police )?custody (?:\w+ ){0,4}(?:at the time|from|between|until|all day)", r"custody record (?:checked|confirms|shows)",
             r"(?:all )?(?:items|goods) (?:were )?(?:scanned and )?paid for", r"as agreed",
             # the missing item turned up with its owner (not "cannabis found in his jacket")
             r"(?:wallet|purse|phone|keys|bag|handbag|card|cards|ring|watch|jewellery|it|them) (?:was |were |has been |had been )?found (?:in (?:her|his|their) (?:own )?(?:coat|jacket|handbag|drawer|room|van|car|house|pocket)|under |down the back|behind )",
             r"found (?:the |her |his |my |their )?(?:wallet|purse|phone|keys|bag|handbag|card|ring|watch) (?:in (?:her|his|their) (?:own )?(?:coat|jacket|handbag|drawer|room|van|car|house|pocket)|under |down the back|behind )",
             r"(?:husband|wife|partner|son|daughter|brother|sister|dad|mum|father|mother|flatmate) (?:had |has )?(?:collected|picked up|taken|moved|borrowed) (?:it|them|the \w+)",
             r"forgot where (?:he|she|they) (?:left|parked|put)", r"(?:false|faulty) alarm", r"alarm fault\w*", r"(?:phone|item|car|bike) (?:was )?intact",
             r"borrowed (?:them|it) (?:\w+ ){0,5}(?:as agreed|with permission)", r"admit\w* (?:he|she) (?:said|made) it",
             r"(?:it|car|bike|phone|item|bag) was found (?:by|at|in|on|locked)", r"(?:had|has) borrowed (?:it|them)", r"no sign of (?:forced )?entry,? (?:and )?nothing (?:taken|missing|stolen)", r"found it (?:under|behind|in|at)", r"(?:verified|confirmed|established) (?:\w+ ){0,4}no (?:offence|crime)",
             r"(?:was|had been) (?:given|lent|borrowed) (?:with|by) (?:permission|consent)", r"had permission to",
             r"(?:bank|store|shop|company) (?:\w+ ){0,3}(?:confirm\w*|records show) (?:\w+ ){0,6}(?:no (?:theft|offence)|(?:was|were) (?:paid|returned|refunded))")),
    ("not confirmed by the victim (third-party report)", "HOCR flowchart steps 4-5: victim cannot be traced or will not confirm; a rape report becomes N100 (domain.md 1.5)",
     pattern(r"(?:victim|injured party|female|male|she|he) (?:\w+ ){0,3}(?:cannot be traced|could not be traced|not traced|untraced|refused to (?:confirm|engage|speak|give details))",
             r"(?:victim|injured party|she|he) (?:\w+ ){0,2}(?:states|stated|says|said|confirms?|confirmed) (?:\w+ ){0,3}(?:nothing (?:has )?happened|no offence|it did not happen|it didn't happen|all (?:is )?fine)",
             r"(?:denies|denied) (?:anything|any offence|being assaulted|being (?:hit|punched|attacked|touched|raped)|that anything)",
             r"nothing of the kind happened", r"spoken to[ ,-]+(?:\w+ ){0,2}(?:no (?:physical contact|violence|assault|allegations?|threats)|nothing (?:has )?happened|not assaulted|den(?:y|ies))",
             r"no (?:assault|offence|crime) alleged", r"nothing criminal (?:disclosed|alleged|happened)", r"no allegations? (?:made|of (?:assault|an offence))",
             r"(?:does not|doesn't|did not|will not|won't|refuses to|refused to) (?:wish to |want to )?(?:\w+ ){0,4}confirm", r"(?:says|said|states) (?:it|this) (?:is|was) (?:a |just a )?rumou?r", r"n100 record",
             r"(?:says|said|states|stated|confirms?|confirmed|told (?:the )?officers?) (?:that )?(?:nothing (?:like that |of the sort |of that )?(?:has )?happened|it (?:did not|didn't) happen|it was (?:a |just a )?joke|(?:her|his|their) friend (?:has )?got it wrong|no(?:thing)? sexual (?:activity|happened|took place))",
             r"n100 (?:created|raised|recorded)",
             r"(?:neither|nobody|no one|none of them) (?:\w+ )?(?:wants?|willing|wishes) to (?:make a complaint|complain|come forward|give (?:a )?statements?|support)",
             r"no (?:victims?|injured (?:parties|persons?)|one injured) (?:\w+ )?(?:identified|found|traced|came forward|come forward)", r"no trace of (?:a |the |any )?victim", r"traced (?:[\w', ]{0,120})(?:nothing (?:like that )?happened|it was (?:a |just a )?joke|(?:did not|didn't) happen)",
             # the traced victim's own account: it was consensual, nothing happened, a friend misunderstood
             r"(?:is |was )?(?:clear|adamant|insists?|insisted|maintains?|certain) (?:that )?nothing (?:\w+ )?happened", r"(?<!non-)(?<!non )consensual sex",
             r"(?:it|sex|this) was (?:fully |entirely )?(?<!non-)consensual", r"made (?:it|the whole thing|the story|it all) up", r"(?:got|has) (?:the )?wrong (?:end of the stick|idea)",
             r"no disclosure(?: (?:made|of|was made))?")),
    # HOCR General Rules, Section A / schools protocol (domain.md 1.3, flowchart step 7): minor incidents
    # in school dealt with by the school are not recorded
    ("dealt with by the school (schools protocol)", "NCRS schools protocol: a minor incident in school dealt with by the school is not recorded (domain.md 1.3)",
     pattern(r"(?:school|head ?teacher|head of (?:year|yr) ?\w*|teachers?) (?:has |have |had |is |are )?(?:dealt with it|dealing with it|dealt with the matter|handling it|is dealing|are dealing|dealing)",
             r"head of (?:year|yr)(?: \w+)? (?:[\w ]{0,40})rang for advice",
             r"dealt with by (?:the )?school", r"schools? protocol", r"for (?:info|information) only(?=[^.\n]{0,80}school)|school[^.\n]{0,120}for (?:info|information) only")),
)

# Reasons given when no notifiable offence is disclosed (first match wins).
NON_CRIME_REASONS = (
    ("civil dispute", pattern(r"civil (?:matter|dispute|issue|case)", r"boundary dispute", r"(?:dispute|argument|disagreement) (?:over|about|regarding|re) (?:a |the |an )?(?:deposit|debt|money|invoice|refund|rent|payment|parking|custody|contact|access|ownership|fence|boundary|contract|work|wages|inheritance|will)",
                              r"owes? (?:her|him|them|me) (?:money|£)", r"(?:landlord|tenant|tenancy|eviction|small claims|county court|solicitor)", r"(?:refund|faulty goods|trading standards|consumer)",
                              r"(?:child )?custody (?:of|dispute|arrangements|battle|hearing)", r"child custody", r"contact arrangements?", r"handover")),
    ("lost property", pattern(r"lost", r"misplaced", r"mislaid", r"(?<!call )(?<!line )dropped", r"left (?:it|her \w+|his \w+|my \w+|their \w+|them|the \w+) (?:on|in|at)", r"can't find", r"cannot find",
                              r"may have (?:dropped|left|lost)", r"lost property")),
    ("sudden death (non-suspicious)", pattern(r"sudden death", r"unexpected death", r"found (?:\w+ ){0,3}deceased", r"no suspicious circumstances", r"non[- ]suspicious")),
    ("missing person", pattern(r"missing (?:person|from home|from care)", r"has not returned(?: home)?", r"hasn't come home", r"not returned from", r"reported missing")),
    ("concern for welfare", pattern(r"concern(?:ed)? (?:for|about) (?:\w+ ){0,3}(?:welfare|safety|wellbeing)", r"welfare check", r"not (?:been )?seen (?:for|since)",
                                    r"suicid\w*", r"self[- ]harm\w*", r"mental health (?:crisis|episode)", r"hasn't been seen", r"wants? to die", r"(?:s|section) ?136", r"mental health act",
                                    r"(?:collapsed|fallen|fell) (?:\w+ ){0,3}(?:can't|cannot|unable to) get up", r"confused (?:elderly|male|female|man|woman)",
                                    r"welfare")),
    ("noise nuisance", pattern(r"noise", r"loud music", r"music (?:\w+ ){0,3}loud", r"(?<!injured )(?<!reporting )part(?:y|ies)", r"shouting", r"youths", r"congregat\w*",
                                                                    r"rowdy", r"drunk\w*", r"fireworks", r"barking", r"nuisance", r"anti-social behaviour", r"littering",
                                                                    r"fly[- ]?tipp\w*", r"street drinking", r"begging", r"skateboard\w*", r"football")),
    ("not notifiable", pattern(r"speeding", r"no insurance", r"drink[- ]?driv\w*", r"drunk (?:in charge|driving)", r"blew \d+", r"(?:failed|positive) (?:a |the )?breath ?test", r"over the (?:drink[- ]drive )?limit", r"uninsured", r"no mot", r"no tax", r"untaxed", r"without (?:insurance|a licence|tax|an mot)",
                                                 r"(?:parked|parking) (?:on|across|in) (?:the |a )?(?:pavement|double yellows?|drive|driveway|disabled bay|zig zags?|bus stop|junction)",
                                                 r"(?:mobile )?phone (?:while|whilst) driving", r"careless driving", r"red light", r"no seat ?belt", r"driving without due care",
                                                 r"road traffic collision", r"bump", r"minor collision", r"abandoned (?:car|vehicle)", r"obstruct\w* (?:the |my |her |his )?(?:drive|driveway|road)")),
    # rude or offensive but not threatening messages are not recorded since May 2023 (domain.md 1.8)
    ("not notifiable", pattern(r"rude", r"offensive", r"insult\w*", r"name[- ]calling", r"call(?:ed|ing) (?:her|him|me) (?:a|an)", r"no threats?")),
)
NO_CRIME_DISCLOSED = "no crime disclosed"

ALREADY_REPORTED = pattern(r"already (?:reported|recorded)", r"previously reported", r"reported (?:at|on|under) (?:the )?time",
                           r"existing crime(?: ref(?:erence)?)?", r"crime ref(?:erence)? ?(?:no\.? ?)?[a-z]*\d+", r"crime number")

DOMESTIC = pattern(r"domestic", r"partner", r"ex[- ]?partner", r"husband", r"wife", r"boyfriend", r"girlfriend", r"spouse", r"fianc\w*",
                   r"ex[- ](?:husband|wife|boyfriend|girlfriend)", r"her ex", r"his ex", r"the ex", r"(?:his|her|their) (?:son|daughter|mother|father|mum|dad|brother|sister|stepfather|stepmother|stepson|stepdaughter|uncle|aunt|grandson|granddaughter|nephew|niece|cousin)",
                   r"(?:son|daughter|mother|father|mum|dad|brother|sister) (?:of|to) the (?:injured party|caller)", r"in-?laws?", r"married", r"controlling or coercive",
                   r"dash (?:risk )?(?:completed|done|assessment|checklist|form)")
ASB = {
    "personal": pattern(r"target\w* (?:her|him|them|the family|the injured party|the caller)", r"(?:abuse|abusive|shouting|swearing|insults?) (?:at|towards|to) (?:her|him|them|the caller|the family)",
                        r"(?:neighbour|neighbours) (?:\w+ ){0,3}(?:abus\w*|threat\w*|harass\w*|intimidat\w*|shouting at|swearing at)", r"intimidat\w*", r"personal anti-social",
                        r"(?:youths|kids|teenagers) (?:\w+ ){0,4}(?:knocking on|banging on|throwing \w+ at) (?:her|his|their|the) (?:door|window)"),
    "environmental": pattern(r"fly[- ]?tipp\w*", r"graffiti", r"litter\w*", r"abandoned (?:vehicle|car|bike)", r"(?:drug )?paraphernalia", r"needles", r"dog fouling",
                             r"rubbish dumped", r"dumped (?:rubbish|waste|mattress)", r"environmental"),
    "nuisance": pattern(r"noise", r"loud music", r"music (?:\w+ ){0,3}loud", r"(?<!injured )(?<!reporting )part(?:y|ies)", r"youths", r"congregat\w*", r"rowdy", r"drunk\w*", r"fireworks",
                        r"nuisance", r"anti-social", r"street drinking", r"begging", r"motorbikes? (?:\w+ ){0,3}(?:park|field|estate|pavement)", r"off[- ]road bikes?",
                        r"(?:kids|children|teenagers) (?:\w+ ){0,3}(?:playing|kicking a ball|climbing|messing about)", r"loitering", r"skateboard\w*", r"inconsiderate", r"cannabis smell|smell of cannabis"),
}
# Vulnerability indicators a call handler must identify at first contact (THRIVE, domain.md 7.1),
# named as the audit's VULNERABILITY_NOT_IDENTIFIED check and the force's answer key name them.
# domestic_abuse comes from the domestic flag, sexual_violence and stalking also from the offences
# disclosed (reader.py). Repeat victims have their own check (REPEAT_VICTIM_NOT_IDENTIFIED).
VULNERABILITY = {
    "child": pattern(r"child(?:ren)?", r"baby", r"toddler", r"infant", r"kids", r"(?:aged|age) (?:[0-9]|1[0-7])\b", r"(?:[0-9]|1[0-7]) ?-?(?:year|yr)s?[ -]old",
                     r"(?<=\()(?:[0-9]|1[0-7])(?=\))", r"schoolgirl", r"schoolboy", r"pupil", r"(?:a|is a) minor"),
    "older_person": pattern(r"elderly", r"pensioner", r"(?:aged|age) (?:[7-9][0-9]|1[0-9]{2})\b", r"(?:[7-9][0-9]) ?-?(?:year|yr)s?[ -]old", r"(?<=\()[7-9][0-9](?=\))",
                            r"dementia", r"care home", r"frail", r"walking frame"),
    "mental_health": pattern(r"mental health", r"suicid\w*", r"self[- ]harm\w*", r"sectioned", r"depress\w*", r"psychosis", r"psychotic", r"schizophren\w*",
                             r"bipolar", r"personality disorder", r"crisis team", r"hearing voices"),
    "disability": pattern(r"disab\w*", r"learning difficult\w*", r"wheelchair", r"blind", r"deaf", r"autis\w*", r"limited mobility", r"mobility (?:scooter|issues|problems)",
                          r"hearing impair\w*", r"visually impair\w*", r"sign language", r"text relay", r"down'?s syndrome"),
    "sexual_violence": pattern(r"rape\w*", r"raping", r"sexual(?:ly)? assault\w*", r"sexually touch\w*", r"sexual violence", r"indecent\w*", r"exposed (?:himself|herself)", r"grop\w*"),
    # one act of stalking behaviour is already a risk cue (DASH asks about it), course or not
    "stalking": STALKING_BEHAVIOUR,
    "exploitation": pattern(r"exploit\w*", r"cuckoo\w*", r"groom\w*", r"county lines", r"controlled by others", r"modern slavery", r"traffick\w*", r"debt bondage"),
    "homelessness": pattern(r"homeless\w*", r"rough sleep\w*", r"sleeping rough", r"no fixed abode", r"sofa surf\w*", r"hostel"),
    "substance_misuse": pattern(r"intoxicated", r"drunk", r"under the influence", r"high on", r"heavily in drink", r"(?:heroin|crack|drug|cocaine|alcohol) (?:user|addict\w*|dependen\w*)",
                                r"alcoholic", r"addict\w*", r"substance misuse", r"methadone", r"slurring", r"drinking (?:\w+ )?(?:all day|heavily|since)"),
    "pregnancy": pattern(r"pregnan\w*"),
}


@dataclass
class Situation:
    overriding_reason: tuple[str, str, tuple[int, int]] | None
    domestic: bool
    domestic_span: tuple[int, int] | None        # the words that show it, when the text (not only the opening code) does
    asb_category: str | None
    vulnerability: list[tuple[str, tuple[int, int]]]   # (indicator, span in the normalised text)
    already_reported: list[tuple[int, int]]


def _first_asserted(doc: Normalised, cues) -> tuple[int, int] | None:
    asserted, _ = context.cue_readings(cues, doc, is_statement=True)
    return asserted[0] if asserted else None


def read_situation(doc: Normalised, opening_code: str | None) -> Situation:
    overriding = None
    for reason, rule_ref, cues in OVERRIDING_REASONS:
        match = _first_asserted(doc, cues)
        if match:
            overriding = (reason, rule_ref, match)
            break
    opening = (opening_code or "").upper()
    domestic_cue = DOMESTIC.search(doc.text)
    asb = next((category for category, cues in ASB.items() if cues.search(doc.text)), None)
    if asb is None and "ASB" in opening:
        asb = "personal" if "PERSONAL" in opening else "environmental" if "ENVIRON" in opening else "nuisance"
    return Situation(
        overriding_reason=overriding,
        domestic="DOMESTIC" in opening or domestic_cue is not None,
        domestic_span=domestic_cue.span() if domestic_cue else None,
        asb_category=asb,
        vulnerability=[(name, span) for name, cues in VULNERABILITY.items() if (span := _first_asserted(doc, cues))],
        already_reported=[doc.sentence_of(m.start()) for m in ALREADY_REPORTED.finditer(doc.text)],
    )


# Reasons specific enough to explain a report on their own; "noise nuisance" is not (its cues, such as
# "youths" or "shouting", are in many crime reports too).
_EXPLAINING_REASONS = tuple((reason, cues) for reason, cues in NON_CRIME_REASONS if reason != "noise nuisance")


def explained_without_crime(doc: Normalised) -> bool:
    """The narrative states a reason that is not a crime (lost, welfare, a traffic matter, a civil
    dispute...): when the rules found no offence either, the model's backstop does not override it."""
    return any(_first_asserted(doc, cues) for _, cues in _EXPLAINING_REASONS)


def non_crime_reason(doc: Normalised) -> str:
    for reason, cues in NON_CRIME_REASONS:
        if _first_asserted(doc, cues):
            return reason
    return NO_CRIME_DISCLOSED
