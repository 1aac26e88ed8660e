"""Offence rules for the less common "crimes against society" (HOCR Miscellaneous crimes against
society): going equipped, perverting the course of justice, absconding from custody, wildlife
crime, and controlling prostitution for gain. Declared like offence_rules.py, which adds them to
RULES; kept apart so each module stays one readable page.
"""

from __future__ import annotations

from vigil.reading.points import PERSON, STATE, STATEMENT, OffenceRule, Point, pattern

_SOCIETY = "HOCR Miscellaneous crimes against society"

GOING_EQUIPPED = pattern(
    r"going equipped", r"equipped (?:for|to) (?:steal\w*|burgl\w*|theft)",
    r"(?:found|caught|stopped|searched|in possession) (?:[\w',]+ ){0,8}(?:slide hammer|relay (?:box|device|kit)|bolt ?croppers|jemmy|"
    r"skeleton keys?|lock ?picks?|signal (?:jammer|booster)|key programmer)",
)
PERVERTING_JUSTICE = pattern(
    r"pervert\w* (?:the )?course of justice",
    r"(?:gave|provided|giving) (?:[\w']+ ){0,2}(?:brother's|sister's|friend's|partner's|someone else's|another person's|false) (?:name|details|identity)",
    r"false alibi", r"(?:intimidat\w*|threaten\w*|paid|bribed) (?:a |the )?witness\w* (?:not to|to withdraw|to change)",
    r"(?:gave|provided|giving|gives) (?:his|her|their) (?:brothers?|sisters?|mates?|friends?|cousins?|dads?|mums?) (?:name|details)",
    r"(?:named|nominated) (?:him|her|them|his \w+|her \w+) (?:as the driver )?to avoid (?:a ban|points|being banned|prosecution|disqualification)",
    r"nominat\w* (?:his|her|their) (?:brother|sister|son|daughter|mother|father|wife|husband|partner|friend|mate|colleague) as (?:the )?driver",
    r"false (?:driver )?nomination",
)
ABSCONDING = pattern(
    r"escaped from (?:[\w']+ ){0,3}(?:custody|prison|cells|court|custody van|police van|prison van)",
    r"abscond\w* from (?:[\w']+ ){0,2}(?:custody|court|prison|police|cells)", r"escape from lawful custody",
)
WILDLIFE = pattern(
    r"badger setts?", r"wildlife crime", r"hare cours\w*", r"poach\w*", r"birds?'? eggs", r"protected species",
    r"(?:nests?|roost) (?:[\w']+ ){0,2}(?:destroyed|disturbed|removed)", r"bats? roost",
)
CONTROLLING_PROSTITUTION = pattern(
    r"pimp\w*", r"brothel", r"controlling prostitution",
    r"(?:advertises|advertising|advertised) (?:them|her|the women|the girls|women|girls) (?:online )?(?:for sex|as escorts|online)",
    r"takes? (?:all |most |half )?(?:of )?(?:the |their |her )?(?:money|earnings|cash) (?:[\w']+ ){0,2}(?:from )?(?:their|her|the) clients",
)

HANDLING = pattern(
    r"handling stolen (?:goods|property|items)", r"(?:suspicion of|arrested for|charged with|offence of) handling",
    r"(?:bought|buys|buying|received|receiving|accepted|sold|selling) (?:\S+ ){0,10}(?:knowing|knew|knowingly|aware) (?:\S+ ){0,4}(?:stolen|nicked|knocked off|hooky|dodgy)",
    r"(?:buys|bought|buying|receiving|received) (?:[\w']+ ){0,6}(?:with )?no questions asked",
)
FORGERY = pattern(
    r"forg(?:ery|ed)", r"counterfeit (?:notes?|currency|money|£\d+)",
    r"(?:fake|false|forged|counterfeit|fraudulent) (?:passport|driving licen[cs]e|id\b|id card|identity documents?|documents?|visa|residence permit|mot certificate)",
    r"(?:passport|driving licen[cs]e|id card) (?:[\w']+ ){0,4}(?:fake|false|forged|counterfeit|not genuine)",
)
ABSTRACTING_ELECTRICITY = pattern(r"abstract\w* (?:of )?electricity", r"bypass(?:ed|ing)? (?:the )?(?:electricity |electric )?meter",
                                  r"meter (?:has been |had been |was )?bypassed", r"electricity (?:[\w']+ ){0,2}bypass")
THEFT_BY_EMPLOYEE = pattern(
    r"theft by (?:an )?employee", r"employee theft",
    r"(?:an |a |the |their )?(?:employee|member of staff|staff member|worker|cashier|warehouse worker|till operator|shop assistant|bar staff)"
    r" (?:[\w']+ ){0,8}(?:stealing|has been taking|had been taking|taking money|pocketing|loading (?:[\w']+ ){0,4}into (?:his|her) own|helping (?:himself|herself)|took|stole|skimming)",
)

SOCIETY_RULES: tuple[OffenceRule, ...] = (
    OffenceRule("54", (Point("receiving or handling goods, knowing or believing them stolen", HANDLING, kind=STATEMENT),),
                "Theft Act 1968 s22; HOCR Other theft offences (one crime per offender)", victim=STATE, supersedes=("49", "44", "48")),
    OffenceRule("61A", (Point("a false instrument or identity document made, used or held", FORGERY, kind=STATEMENT),),
                "Forgery and Counterfeiting Act 1981; Identity Documents Act 2010 s4-s6; HOCR Miscellaneous crimes against society",
                victim=STATE, supersedes=("53D",)),
    OffenceRule("43", (Point("electricity used dishonestly without due authority", ABSTRACTING_ELECTRICITY),),
                "Theft Act 1968 s13; HOCR Other theft offences", victim=PERSON, supersedes=("53D", "49")),
    OffenceRule("41", (Point("stealing by an employee from the employer", THEFT_BY_EMPLOYEE),),
                "Theft Act 1968 s1 (by an employee); HOCR Other theft offences", victim=PERSON, supersedes=("46", "49")),
    OffenceRule("33", (Point("has an article for use in burglary or theft, away from home", GOING_EQUIPPED, kind=STATEMENT),),
                f"Theft Act 1968 s25; {_SOCIETY}", victim=STATE),
    OffenceRule("79", (Point("act tending and intended to pervert the course of justice", PERVERTING_JUSTICE, kind=STATEMENT),),
                f"Common law perverting the course of justice; {_SOCIETY}", victim=STATE),
    OffenceRule("80", (Point("escape from lawful custody", ABSCONDING),), f"Common law escape / Prison Act 1952 s39; {_SOCIETY}", victim=STATE),
    OffenceRule("96", (Point("offence against protected wildlife", WILDLIFE),),
                f"Wildlife and Countryside Act 1981; Protection of Badgers Act 1992; Hunting Act 2004; {_SOCIETY}", victim=STATE),
    OffenceRule("24", (Point("controlling prostitution or causing it for gain", CONTROLLING_PROSTITUTION),),
                f"Sexual Offences Act 2003 s52-s53; {_SOCIETY}", victim=PERSON),
)
