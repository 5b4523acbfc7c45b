"""Crisis patterns in every language (ANY) and in English and the English creoles
(Patois, Creolese, Trini, Bajan)."""

from nlu.lexicon.fragments import (
    A_MESSAGE,
    GOING,
    HIT,
    KIN,
    LOTS,
    ME,
    MY,
    NOT_A_PLACE,
    PILLS,
    POISON,
    SELF,
    WANT,
)


def _not_after(*phrases: str) -> str:
    """Negative lookbehinds, one per phrase (each of fixed width): the match may not come
    right after any of them."""
    return "".join(f"(?<!{phrase} )" for phrase in phrases)


def _at_stake(nouns: str, linkers: str) -> str:
    """Lookbehinds for "my appointment (is) ...": what is at stake is a thing, not a life."""
    return _not_after(*(f"{noun} {linker}".strip() for noun in nouns.split() for linker in
                        ("", *linkers.split(","))))  # fmt: skip


# Weather and scares that threaten a closing, not a person: "the storm threat", "hurricane
# threat", "they threatening rain".
_NOT_WEATHER = _not_after(
    "storm",
    "hurricane",
    "flood",
    "flooding",
    "weather",
    "rain",
    "tsunami",
    "cyclone",
    "bomb",
    "covid",
    "virus",
    "fire",
    "tropical",
    "flash flood",
)
# What an office, a landlord or a boss threatens to do: cancel, cut off, put out, fire.
_NOT_A_THREAT = (
    r"(?:(?:me|mi|meh|us|we) )?(?:(?:to|fi|fuh|ta|dat|that|say|seh|dey|they|dem) )?(?:\w+ )?"
    r"(?:rain|to rain|showers|storm|a storm|bad weather|cancel\w*\b(?! (?:\w+ )?li(?:fe|ves)\b)"
    r"|(?:cut|stop) (?:off |out )?(?:my|mi|meh|the|di|de|da|our) (?:light|lights|current|power"
    r"|electricity|water|phone|internet|wifi|gas|service|services|grant|money|payment\w*"
    r"|benefit\w*|stipend|allowance|check|cheque)|take (?:away|back) (?:my|mi|meh|the|di|de|da)"
    r" (?:grant"
    r"|money|benefit\w*|place|spot|room|stipend)|evict\w*|put (?:me|mi|meh|us|we) out|throw"
    r" (?:me|mi|meh|us|we) out|lock (?:me|mi|meh|us|we) out|kick (?:me|mi|meh|us|we) out"
    r"|fire (?:me|mi|meh|us|we)|sack (?:me|mi|meh|us|we)|raise (?:the|di|de|da|my|mi|meh)"
    r" (?:rent|price|fee|fees)|sue|close (?:(?:my|mi|meh|the|di|de|da) )?(?:case|file|account"
    r"|office)|suspend\w*|drop (?:me|mi|meh|us|we) (?:from|off)|remove (?:me|mi|meh|us|we)"
    r" from|withhold\w*)\b"
)
# Spanish: "amenaza de tormenta", "amenazan con quitarme el apoyo".
_NO_AMENAZA = (
    r"(?:de|con) (?:\w+ )?(?:lluvia\w*|llover|tormenta\w*|huracan\w*|ciclon\w*|vaguada\w*"
    r"|inundacion\w*|tsunami|apagon\w*)\b|(?:\w+ ){0,2}?con (?:quitar\w*|cancelar\w*"
    r"|desalojar\w*|botar\w*|cortar\w*|cobrar\w*|multar\w*|suspender\w*|subir\w*|demandar\w*"
    r"|cerrar\w*|sacar\w* (?:del|de la) (?:programa|casa|cuarto|lista|apartamento))\b"
)
# "my appointment in danger", "is my grant in danger": at stake, not a life.
_NOT_AT_STAKE = _at_stake(
    "appointment appointments appt interview grant job application spot place turn slot"
    " payment visa case file chance chances business money benefits funding session training"
    " course seat contract papers loan stipend",
    "is ,s ,be ,was ,go be ,ga be ,gine be ,gern be ,could be ,would be ,will be ,gonna be "
    ",might be ,still ,is still ",
)
# "in danger of" a harm to life still counts; "in danger of missing the bus" does not.
_HARM_OF = (
    r"(?:death|dying|my life|losing (?:my|mi|meh|her|his|our) li(?:fe|ves)|(?:being|getting"
    r"|gettin) (?:kill\w*|shot|hurt|attack\w*|beat\w*|murder\w*|rap\w*|stab\w*|chop\w*"
    r"|kidnap\w*|hit|abus\w*))\b"
)
# "dat area by y'all office unsafe at night": the place is unsafe, not a person.
_NOT_A_PLACE_BEHIND = _at_stake(
    "area office road street place building neighbourhood neighborhood route town downtown"
    " corner stop station parking park lot",
    "is ,s ,real ,very ,kinda ,too ,does be ,get ,gets ,is very ,is real ,is kinda ",
)
# "can my sister follow me to the appointment": company, not stalking.
_TO_AN_APPOINTMENT = (
    r"(?:to|go|inna|in|inside|into|reach|come|go to|come to|reach to|go a|go by)(?: (?:the|di|de"
    r"|da|my|mi|meh|muh|mih|dat|that|this|dis|y all|allyuh|wunna|your|ur|unu|a|an))?"
    r" (?:appointment|appt|interview|office|meeting|clinic|session|orientation|class|training"
    r"|ministry|embassy|court|bank|doctor|hospital)\b"
)

ANY = [
    # Words that mean danger in every language.
    r"\bsuicid\w*",
    r"\boverdos\w*|\bsurdose\b|\bsobredosis\b",
    r"\bkidnap\w*|\bsecuestr\w*",
    r"\bviolen(?:ce|cia)\b",
    r"\b(?:gun(?:s|man|men|shot|shots|point)?|pistol\w*|revolver\w*|firearms?)\b"
    r"(?! (?:licen[cs]e|permit|training|course|safety|certificate|court|courts|range)\b"
    r"| de (?:silicon|silicona|pegamento|pega|pintura|calor|clavos|grapas|agua|aire|juguete)\b)",
    r"\bextor(?:sion|t)\w*",
    r"\bgang(?:s|sta|stas|ster|sters)\b|\bgang (?!(?:a|ah|of|o) (?:people|ppl|persons|pickney"
    r"|children|kids|ladies|women|students|forms|paper\w*|questions?|documents?|tings|things"
    r"|stuff|work|time|times|money|calls?|cars?|traffic|vehicles|buses)\b)(?:member\w*|man|men|boy\w*|dem|yo|a|la|leader\w*"
    r"|banger\w*|violence|war\w*|people|ppl)\b|\bpandill\w*|\bbandi\b|\bshotta\w*",
    r"\b(?:from|afraid of|fraid of|scared of|fraid a|hiding from|running from) (?:the |di |de"
    r" |dem )?(?:gang|bandi)\b",
    r"\b(?:di|de|the|a|dis|this|that|dat|one|local) gang (?:\w+ ){0,3}?(?:want\w*|after|look\w*"
    r"|search\w*|hunt\w*|threat\w*|kill\w*|say|said|seh|chase\w*|shoot\w*|shot)\b",
    _NOT_WEATHER + r"\bthreat(?:en|ens|ened|ening|s)?\b(?! " + _NOT_A_THREAT + ")"
    r"|\bamenaz\w*\b(?! (?:" + _NO_AMENAZA + r"))|\bmenac\w*\b(?! (?:de |d )(?:cyclone|orage|pluie"
    r"|tempete|ouragan|inondation|coupure|fermeture|greve|couper|supprimer|expulser|annuler"
    r"|virer|retirer|fermer|radier)\b)|\bmenas\w*\b(?! (?:\w+ )?(?:siklon|lapli|tanpet"
    r"|inondasyon|loraj)\b| (?:pou )?(?:koupe|retire|anile|fenmen|revoke) )",
]

ENGLISH = [
    # English and creoles: suicidal thoughts and self-harm.
    rf"\b(?:kill\w*|kil|hang\w*|poison\w*|shoot|shot|drown\w*|stab\w*|off|unaliv\w*"
    rf"|starv\w*) {SELF}\b",
    rf"\b(?:hurt\w*|harm\w*|cut|cuts|cutting|cuttin|burn\w*) {SELF}\b"
    r"(?! (?:at|on|while|playing|lifting|working|by accident|accidentally)\b)",
    r"\bkms\b|\bunaliv\w*|\bsewerslide\b",
    r"\b(?:end|ending|take|taking|tek|tak) (?:my|mi|meh|mah|me) (?:own )?life\b",
    r"\bend(?:ing)? (?:it )?all\b|\bend(?:ing)? everything\b|\bself ?harm\w*",
    r"\bsleep (?:forever|(?:and |an |n )?(?:not|never|neva|nuh|no more) wake)\b|\bstop"
    r" (?:existing|breathing)\b|\bhate (?:being|bein) alive\b",
    r"\bending it\b(?! (?:with|here|there|between|now)\b)|\bgoodbye (?:forever|cruel world"
    r"|world)\b",
    r"\b(?:not|aint|isnt|is not|nuh|no|never) (?:\w+ )?worth (?:living|livin|live)\b"
    r"|\blife (?:\w+ ){0,2}?(?:not|nuh|no|aint|isnt) worth (?:it|nothing|nutten|nuttin|nutn"
    r"|nothin)\b",
    r"\bfeel like (?:i|mi|me|ah) (?:\w+ ){0,2}?(?:die|dead|ded)\b|\b(?:tablets?|pills?|poison"
    r"|rope)\b (?:\w+ ){0,3}?(?:fi|to|fuh) (?:dead|die|ded)\b",
    r"\b(?:not|nah|nuh|wont|won t|nah go) (?:\w+ )?(?:be )?(?:here|deh yah|yah|around) (?:much"
    r"|too|fi) (?:longer|long)\b",
    rf"\b(?:{GOING}|imma|ima|just|jus|ready|go and) (?:to )?end it\b"
    r"(?! (?:with|here|there|between)\b)",
    rf"\b{WANT}(?: to| 2| fi| fuh| ta)? (?:be )?(?:die|dead|ded)\b",
    r"\bwish (?:i|mi|me|ah) (?:\w+ ){0,3}?(?:dead|die|died)\b",
    r"\bwish (?:i|mi|me|ah) (?:\w+ ){0,2}?(?:never|neva|not|wasnt|werent) (?:\w+ )?"
    r"(?:born|wake|woke)\b",
    r"\b(?:dont|don t|do not|doh|doan|dun|nuh|noh|no|nah|not) (?:want|wan|waan|wah|wanna|feel like"
    rf"|care|wish)(?: to| fi| fuh| 2)? (?:live|liv|be alive|wake up|exist)\b{NOT_A_PLACE}",
    r"\b(?:tired|tyad|tiad|fed up|sick|weary|done) (?:a |of |ah |o |wid |with |fi |fuh )?"
    rf"(?:this |dis |di )?(?:life|living|livin|live|being alive)\b{NOT_A_PLACE}",
    r"\b(?:no|nothing|nuttin|nutten|nothin|notn|nuthin) (?:left |more |else )?(?:to|fi|fuh)"
    r" live (?:for|fa|fah|fuh)\b",
    r"\b(?:no|nuh|aint no|ain t no|not no|whats the|what s the|wat the|what is the|see the"
    r"|see no|see any)"
    r" (?:point|reason|use|purpose) (?:\w+ )?(?:to |in |of |fi |for |fuh )?(?:live|living"
    r"|livin|life|be alive|being alive|stay alive)\b",
    r"\bbetter (?:off )?(?:without|widout|witout|wid out|w o) (?:me|mi|meh)\b",
    r"\bbetter off (?:dead|if (?:i|mi|me|im|i m|ah) (?:\w+ ){0,2}?(?:dead|die|gone"
    r"|not here|not around))\b",
    r"\b(?:be|being|stay|staying) alive no more\b|\bdisappear (?:forever|for good)\b",
    r"\b(?:want|wanna|wan|waan|wah|wish i could|just) (?:to |fi )?(?:disappear|vanish)\b",
    r"\b(?:nobody|no one|noone|nuhbody|nobady) (?:\w+ ){0,2}?(?:care|miss|notice)\w* (?:if"
    r"|when) (?:i|mi|me|ah) (?:\w+ )?(?:die|died|dead|gone)\b",
    r"\b(?:dont|don t|do not|doh|nuh|no|nah) (?:want|wanna|wan|waan|wah) (?:to |fi )?be here"
    r" (?:no more|anymore|any more|again|nomore)\b",
    r"\b(?:going to|gonna|gon|a go|imma|ima|about to|bout to|want to|wanna) jump$",
    r"\b(?:this|dis|dat|that) (?:is |s )?(?:my|mi|meh) last (?:message|msg|text|txt)\b",
    r"\b(?:cant|can t|cannot|can not|cyaan|cyan|kyaan|cyah|cah|caan) (?:do|take|tek|handle"
    r"|go on|deal|live|bear|cope|stand|continue|keep going)\b (?:(?:it|this|dis|dat|that|am"
    r"|life|di|the|like|pain|stress|ting|shit|no|nuh|with|wid) ){0,3}(?:(?:no|any|nah|nuh)"
    r" ?(?:more|mo|longer)|anymore|again)\b",
    r"\b(?:cant|can t|cyaan|cyah|cah) (?:anymore|any more|no more|nomore)\b|\b(?:cant|can t"
    r"|cyaan|cyan|cyah|cah) (?:badda|bother) (?:wid |with )?(?:life|di life|dis life|living)\b",
    # English and creoles: overdose, poison, hanging, jumping, cutting.
    r"\bod(?:ed|d| d| ed)\b|\bod(?:ing)? on (?:something|sumn|sumting|drugs|pills|coke|crack"
    r"|heroin|fentanyl|meth|dope|liquor|alcohol)\b",
    rf"\b(?:took|taken|tek|tuk|tak|swallow|swallowed|drank|drink|drinking|ate|popped|gulped"
    rf"|done take) (?:\w+ ){{0,2}}?{LOTS} (?:\w+ ){{0,3}}?{PILLS}\b|\bswallowed (?:\w+ ){{0,2}}?"
    rf"{PILLS}\b",
    rf"\b(?:took|take|taking|tek|tak|swallow\w*|drank|drink|drinking|drinkin|ate|eat)"
    rf" (?:\w+ ){{0,3}}?{POISON}\b",
    r"\bnoose\b|\brope (?:\w+ ){0,2}?(?:ready|round|around|neck)\b",
    r"\bjump\w* (?:off|from|of|out|out of) (?:a |the |di |de |da |dat |that |this |one )?"
    r"(?:\w+ )?(?:bridge|building|roof|cliff|balcony|window|top floor)\b",
    r"\b(?:jump\w*|throw\w*|walk\w*|step\w*) (?:\w+ )?(?:in ?front of|infront|under|before)"
    r" (?:a |the |di |de |da |one )?(?:bus|train|truck|car|traffic)\b",
    r"\b(?:cut|cuts|cutting|slit|slash\w*|slice\w*) (?:\w+ )?(?:wrist|wrists|vein|veins)\b",
    r"\b(?:knife|blade|razor|gun|pistol) (?:\w+ ){0,2}?(?:to|on|against|at) (?:my|mi|meh|her)"
    r" (?:wrist|wrists|throat|neck|head)\b|\b(?:pills|tablets|rope|blade|knife|razor|gun)"
    r" (?:\w+ ){0,2}?(?:in|inna) (?:my|mi|mih) hand\b",
    r"\b(?:come|coming|comin|a come|go come) back (?:to |fi |fuh |an |and )?finish"
    r" (?:me|mi|mih|meh|her|we|us)\b",
    rf"\b(?:do|doing|done|did) (?:something|sumn|smth|sumting|sinting|someting|smthing) (?:\w+ )?"
    rf"(?:to|with) {SELF}\b",
    rf"\b(?:taking|take|tek|drink|swallow) (?:\w+ ){{0,2}}?(?:all|whole|entire|bottle|every)"
    rf" (?:\w+ ){{0,3}}?{PILLS} (?:tonight|now|at once|one time|same time|together)\b",
    r"\b(?:have|got|gat|get|getting|has|a get|mi have|keep|kept) (?:\w+ ){0,2}?(?:pills?|tablets?"
    r"|rope|noose|razor|razors|blade|blades|poison) (?:\w+ ){0,3}?(?:ready|counted|lined up"
    r"|laid out|in front of me|beside me|next to me)\b",
    # The means and the place or the day chosen: a plan ("got the rope and picked the spot").
    r"\b(?:pills?|rope|noose|poison)\b(?! (?:for|to|fi) (?:skip|jump|the clothes|clothes|tie"
    r"|pull)) (?:\w+ ){0,6}?(?:(?:picked|chose"
    r"|chosen|found|choose|pick) (?:\w+ )?(?:the |a |di |de |my |mi )?(?:spot|place|day|date|time"
    r"|tree|bridge)|(?:spot|place|day|date|tree|bridge) (?:is |already )?(?:picked|chosen|set))\b",
    # English and creoles: violence, threats, abuse, rape, weapons.
    rf"\b{GOING} (?:to |fi |fuh )?(?:kill|kil|murder|shoot|shot|stab|juk|chop|hurt|harm"
    rf"|rape|bun|burn) (?:{ME}|{MY} (?:\w+ )?{KIN}|dem|them)\b"
    r"(?! (?:a|an|the|some|off|out|up|down|back|over|feelings?|chances?|business|credit"
    r"|pride|name|career)\b)",
    rf"\b{HIT} (?:up )?{ME}\b(?! (?:to it|out|off|in the back|{A_MESSAGE})\b)",
    rf"\bhit(?:s|ting|tin)? {ME}\b(?! (?:up|back|with|wid|{A_MESSAGE})\b)",
    rf"\bkick\w* (?:{ME}|{MY} (?:\w+ )?{KIN})\b(?! (?:out|off)\b)",
    rf"\b(?:kill|killed|killing|murder\w*|molest\w*|rape\w*|abus\w*|touch\w*|hurt|hurting"
    rf"|beat\w*) {MY} (?:\w+ )?{KIN}\b(?! (?:to|at|in) (?:school|the|a)\b)",
    r"\b(?:bus|buss|bust|bruk|broke|brok|crack|cracked|split|mash|mashed) (?:up )?"
    r"(?:my|mi|meh|mih|mah|ma|her|she) (?:head|hed|face|jaw|nose|rib|ribs|teeth|eye|skull|lip)"
    r"\b",
    rf"\b(?:want|wants|wan|waan|wah|wanted|wish|wishes) {ME} (?:to |fi )?(?:dead|ded|die)"
    r"\b",
    r"\b(?:want|wants|after|come fi|come for|a come fi|out for) (?:my|mi|meh) (?:head"
    r"|life|blood)\b",
    rf"\b(?:follow\w*(?! {ME} {_TO_AN_APPOINTMENT})|stalk\w*|hunt\w*) {ME}\b"
    r"(?! (?:on|pon|online|insta\w*|ig|fb|back"
    r"|up|tiktok)\b)",
    r"\b(?:hunt\w*|look\w*|search\w*) (?:fi|fuh|for) (?:me|mi|meh) (?:fi|to|fuh) (?:kill"
    r"|shoot|chop|dead)\b|\bgunm[ae]n\b (?:\w+ ){0,3}?(?:fi|for|after) (?:me|mi|meh)\b",
    r"\brap(?:e|ed|es|ing|ist|ists)\b|\bsexual(?:ly)? (?:abus\w*|assault\w*|harass\w*)",
    r"\bmolest\w*|\bincest\b|\bhuman traffick\w*|\bsex traffick\w*",
    rf"\bforc\w* (?:{ME}|{MY} \w+) (?:to |fi )?(?:have sex|sex|sleep with|sleep wid)\b"
    r"|\bforc\w* (?:himself|hisself|heself|hiself|herself) (?:on|pon)\b",
    rf"\binterfer\w* (?:wid|with|wit) (?:{ME}|{MY} (?:\w+ )?{KIN})\b|\block\w* {ME}"
    r" (?:in|inna|inside)\b",
    r"\bhid\w* (?:from|fram) (?:dem|the|these|those|di|some) (?:man|men|gunm[ae]n|bwoy\w*"
    r"|boys|gang|bandi)\b|\b(?:haffi|have to|hafi|afi|got to|gotta) hide\b",
    r"\b(?:been|being|bein|get|gets|getting|got|was|were|is|am|im|i m) (?:\w+ )?abused\b",
    r"\b(?:domestic|family|partner|child|spousal) (?:violence|abuse)\b|\babusive\b",
    r"\b(?:pull\w*|draw|drew|point\w*|held|hold\w*|came at|come at|run|ran|chase\w*"
    r"|wave\w*|waving) (?:\w+ ){0,3}?(?:knife|knives|cutlass|machete|blade|ice ?pick)\b",
    r"\b(?:he|she|they|dem|dey|him|man|somebody|someone) (?:has|have|gat|got|had|carry\w*)"
    r" (?:a|one|him|her|his|de|di|dem) (?:knife|cutlass|machete|blade|ice ?pick)\b",
    r"\b(?:they|dem|dey|he|she|someone|somebody|sum1|man|men|gunm[ae]n|police|cops"
    r"|them|people|ppl) (?:\w+ ){0,2}?(?:shot|shoot|shooting|shootin|fire|fired|firing) (?:at|on"
    r"|pon|inna|into)\b",
    r"\b(?:was|been|got|get|gets|getting|were|being|bein) (?:just |nearly |almost |badly |bad"
    r" |really |been |all |brutally )?(?:attacked|beaten|beat up"
    r"|assaulted|raped|stabbed|shot|jumped|kidnapped|threatened|chopped|choked|strangled"
    r"|molested|abused|tortured|chop up|chopped up)\b(?! down\b)",
    r"\b(?:get|got|getting|gettin|take|took|tek|tekkin) (?:\w+ ){0,2}?(?:beating|beatin|licks"
    r"|lickin|licking|blows|lashes|cuffs|thumps)\b|\b(?:give|gave|giving|gives|gimme) (?:me|mi"
    r"|meh|her|us) (?:\w+ )?(?:beating|licks|lick|blows|lashes|cuff|thump)\b",
    r"\bcuff\w* (?:me|mi|meh|her|she) (?:down|(?:in|inna|pon) (?:my|mi|meh|her) (?:face|head"
    r"|eye|mouth|belly))\b",
    r"\b(?:life|lives|safety) (?:\w+ ){0,2}?(?:in danger|inna danger|at risk"
    r"|in jeopardy)\b|\b(?=in\b|inna\b)" + _NOT_AT_STAKE + r"(?:in|inna) (?:\w+ )?danger\b"
    r"(?! of\b(?! " + _HARM_OF + r"))",
    r"\b(?:i|im|i m|mi|me|ah|we|wi|us|my (?:kids|children|family|pickney|son|daughter|baby))"
    r" (?:\w+ ){0,2}?(?:not|nuh|nah|dont|don t|doh|never|no) (?:\w+ )?safe\b"
    r"(?! (?:to|for) (?:drive|eat|use|work|travel)\b| (?:leaving|leavin|sending|sendin|to leave"
    r"|to send|giving|to give) (?:\w+ ){0,2}?(?:passport|id|papers|documents|birth)\b)"
    r"|\b(?=unsafe\b)" + _NOT_A_PLACE_BEHIND + r"unsafe\b",
    r"\b(?:fear|scared|afraid|fraid|fraida|frighten\w*) (?:for|fi|fuh) (?:my|mi|meh|our)"
    r" (?:life|lives|safety)\b",
    rf"\b(?:police|cop|cops|officer|officers|soldier|soldiers|guard|guards|jdf|jcf"
    rf"|babylon)(?! (?:record|records|certificate|clearance|report|character)\b)"
    rf" (?:\w+ ){{0,3}}?(?:{HIT}|kill\w*|brutal\w*|rough(?:ed|in|ing)? (?:up|me|mi|meh|him"
    rf"|her|us|we|dem|them|people|ppl|youth|yute)|roughed|kick\w*|hit(?! (?:me|mi|meh|us|we)"
    rf" up\b))\b",
    rf"\b{KIN}\b (?:\w+ ){{0,3}}?(?:in danger|missing|gone missing)\b"
    r"(?! (?:school|class|classes|out|the|a|my|his|her|me|mi|us|you|u|him|dem|them|home|work"
    r"|church|it|that|mommy|daddy|mama|papa)\b)",
]

ENGLISH += [
    # Goodbyes, means at hand, and other signs of a plan (English and creoles).
    r"\b(?:this|dis|dat|that) (?:is |s |a |go be |gon be |will be )?(?:my |mi |meh |di |de |the )?"
    r"last (?:message|msg|text|txt)\b|\b(?:never|neva|nah|won t|wont|not) (?:\w+ ){0,2}?hear"
    r" (?:from|fram) (?:me|mi|meh) (?:again|no more|after)\b|\bthis is goodbye\b",
    r"\b(?:pills?|tablets?|knife|rope|razor|blade|gun|poison) (?:\w+ ){0,2}?(?:right here|in"
    r" front of me|(?:in|inna) (?:my|mi|mih|muh|meh) hand)\b|\brope (?:\w+ ){0,2}?(?:set up"
    r"|tie up|tied up|hung|hanging)\b|\b(?:have|got|gat) (?:\w+ ){0,2}?(?:knife|gun) ready\b",
    r"\b(?:buy|bought|got|get|have|done buy) (?:\w+ ){0,2}?(?:rat poison|gramoxone|paraquat"
    r"|weed ?killer)\b",
    r"\b(?:rum|liquor|alcohol|white rum|wine|whisky|vodka) (?:\w+ ){0,3}?(?:wid|with|and|an)"
    r" (?:\w+ ){0,2}?(?:pills?|tablets?|meds)\b",
    r"\b(?:burn|bun|set fire to) (?:\w+ ){0,3}?(?:house|yard|home|room) (?:\w+ ){0,2}?(?:wid|with)"
    r" (?:me|mi|meh|us|we) (?:in|inna|inside)\b",
    r"\b(?:see|know) why (?:i|mi|me|ah) (?:\w+ )?(?:should|shud|fi|fuh|to|must) (?:wake up|get up"
    r"|live|go on)\b|\bpoint (?:in|of|to) (?:waking|wakin|getting|gettin) up\b",
    r"\b(?:cut|cuts|cutting|cuttin|burn|burned|burnt) up (?:my|mi|me|meh) ?(?:self|sef)\b",
    r"\blast time (?:\w+ ){0,3}?hear (?:from|fram) (?:me|mi|meh)\b|\b(?:pills?|tablets?) (?:\w+ )?"
    r"(?:count|counted|counting) out\b",
    rf"\bput (?:his|he|him|her|dem|their|a|him ) ?hands? (?:on|pon) {MY} (?:\w+ )?{KIN}\b"
    rf"|\b(?:hit|hits|hitting|beat|beats|beating|lick|licks) (?:the|my|mi|di|de|her|his) {KIN}"
    r"\b(?! (?:to|at|in) (?:school|the|a)\b)",
    r"\b(?:ain t|aint|ain|not|no|isn t|isnt|can t|cant|cyaan|nah|nuh) (?:\w+ )?"
    r"(?:breathing|breathin"
    r"|breathe|breath|waking up|wakin up|responding|respondin)\b",
    r"\b(?:seh|say|said|sey) (?:mi|me|i|him|her) (?:a )?(?:dead|ded) if\b|\b(?:a go|ago|gonna"
    r"|going to|go|gon) (?:dead|ded) (?:mi|me|him|her|we|wi)\b",
]
