"""Crisis lexicon: danger-to-life phrases in every language, matched without the model."""

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class CrisisMatch:
    """The pattern that fired and its language (en, es, fr, ht, or any)."""

    pattern: str
    language: str


# Fragments shared by the English and creole patterns (text is already normalised).
_SELF = r"(?:my|mi|me|meh|mih|mah|ma) ?(?:self|sef)"
_ME = r"(?:me|mi|meh|mih|muh|us|we|her|she|him)"
_KIN = (
    r"(?:kid|kids|child|children|chile|pickney|pikni|son|daughter|dawta|darta|baby|babies"
    r"|family|wife|husband|mother|mom|mum|madda|father|dad|brother|sister|girl|boy"
    r"|grand ?child\w*|grand ?daughter|grandson|niece|nephew|step ?daughter|step ?son)"
)
_MY = r"(?:my|mi|meh|mih|muh|mah|ma|her|his|our|di|the|de)"
_WANT = r"(?:want|wants|wanted|wanna|wana|wan|waan|wah|waa|wish|wishing|ready|rather|prefer)"
_GOING = (
    r"(?:go|gon|gonna|gona|going|goin|ga|a go|ago|will|ll|wan|want|wants|wanna|waan|wah|try"
    r"|tried|tries|trying|tryin|tryna|plan|plans|planning|out|come|coming|comin|fi|fuh|to"
    r"|nearly|almost|coulda|finna|bout|about|threaten|threatened|threatens|swear|swore"
    r"|promise|promised|say|said|seh|sey|sez)"
)
_HIT = (
    r"(?:beat|beats|beatin|beating|beaten|bet|punch\w*|slap\w*|chok\w*|strangl\w*|lick|licked"
    r"|licking|lickin|box|boxed|boxing|lash|lashed|lashes|lashing|lashin|stab\w*|juk|jook\w*"
    r"|chop|chopped|choppin|chopping|shot|shoot|shoots|shooting|shootin|attack\w*|assault\w*"
    r"|batter\w*|thump\w*|torture\w*|rape|raped|rapes|raping|molest\w*|drag|dragged|drags"
    r"|dragging|abus\w*|threaten\w*|tie|tied)"
)
_PILLS = r"(?:pills?|tablets?|meds|medication|medicine|capsules?|panadol|tylenol|sleeping)"
_POISON = (
    r"(?:poison|gramoxone|paraquat|weed ?killer|pesticide|insecticide|antifreeze|bleach"
    r"|clorox|malathion|kerosene|lye)"
)
_LOTS = (
    r"(?:all|whole|entire|bottle|box|pack|packet|lot|lots|bunch|heap|too many|too much"
    r"|handful|plenty|nuff|bare|extra|every|\d+)"
)
_A_MESSAGE = (
    r"(?:a|an|some|ur|your|the) (?:text|txt|message|msg|email|mail|line|call|note|link|number"
    r"|info|details|address)"
)
_NOT_A_PLACE = r"(?! (?:here|there|in|inna|with|wid|at|by|near|on|round|around|over|ova)\b)"

# Harmless idioms removed before matching: dying and killing as manners of speech (hunger,
# heat, tiredness, laughter, business, a dead phone, a killer price), and guns that are tools.
_IDIOMS = [
    re.compile(p)
    for p in (
        r"\b(?:heat|sun|hunger|hungry|traffic|headache|backache|toothache|pain|price"
        r"|prices|bill|bills|rent|laugh\w*|stress|exam|waiting|joke|jokes|comedy|show|movie"
        r"|feet|foot|back|knee|knees|shoes|walking|walkin"
        r"|boredom|tiredness|work|job|boss|cold) (?:is |s |a |are |go |gonna |going to"
        r" |goin |going |gon |gwine |ga |ah |gah |will |ll |really |literally |just |deh |ago "
        r"|a go "
        r"|dem |dem a |been |always )*(?:kill\w*|dead|murder\w*) (?:me|mi|meh|us)\b",
        r"\b(?:lisans|lisens|pemi|permis|licencia|licence|license|licensed|porte) (?:\w+ ){0,3}?"
        r"(?:zam|arma|armas|arme|armes|gun|guns|firearm|firearms)\b",
        r"\b(?:worries|worry|stress|tings|things|problems|sun|heat|pressure|bills) (?:\w+ ){0,2}?"
        r"(?:lick|licking|a lick|buss|bussin|bursting|beat|beating) (?:mi|me|my|meh) head\b",
        r"\b(?:glue|nail|spray|staple|heat|grease|paint|caulk\w*|water|toy|massage|tattoo"
        r"|temperature|foam|air|soldering) guns?\b",
        r"\b(?:dying|dyin|die|died|dead|ded|nearly dead|almost dead) (?:of|from|a|wid|with|fi"
        r"|for|from the) (?:hunger|hungry|hungriness|thirst|heat|tiredness|tired|boredom"
        r"|laughter|laughing|laffing|laff|laugh\w*|embarrassment|shame|cold|curiosity|sleep"
        r"|jealousy|exhaustion|fatigue)\b",
        r"\b(?:tired|tyad|tiad|weak|sleepy) (?:\w+ ){0,2}?(?:like|as) (?:a )?(?:dead|ded)\b"
        r"|\b(?:feel|feeling|feelin) (?:half|kinda|almost|nearly) (?:dead|ded)\b",
        r"\bdying (?:to|fi|fuh|2) (?:know|see|hear|get|go|start|meet|eat|find out|try|learn"
        r"|work|hear back)\b|\b(?:dead|ded) (?:tired|tyad|tiad|broke|serious|wrong|right|sure"
        r"|slow|beat)\b",
        r"\b(?:phone|fone|cell|cellphone|battery|batt|batry|credit|data|laptop|car|engine|bulb"
        r"|tv|charger|signal|sim|line|network) (?:\w+ ){0,2}?(?:dead|ded|die|died|dying|dun)\b",
        r"\bkill(?:ing|in|ed)? it\b(?! (?:with|wid)\b)|\b(?:killer|killa) (?:price|prices"
        r"|deal|deals|rate|rates|traffic|heat|sun|workout|tune|song|look|app|bill|cost)\b"
        r"|\b(?:price|prices|rent|bill|cost|fee|fees) (?:\w+ )?(?:is |a |s )?(?:a )?"
        r"(?:killer|killa|murder)\b",
        r"\bshoot (?:me|mi|us|him|her)(?= (?:a|an|the|some|ur|your|yuh|de|di|da) (?:\w+ ){0,2}?"
        r"(?:text|txt|message|msg|email|call|line|link|number|info|pic|photo|address|addy"
        r"|location|details)\b)|\bphoto ?shoot\b|\bshoot (?:a |the "
        r"|some )?(?:photo|photos|picture|pictures|video|videos|film|hoops|pool)\b"
        r"|\bbeat (?:the )?(?:deadline|traffic|rush|record|odds|heat|line|queue)\b",
        r"\b(?:chale|soley|grangou|swaf|travay|doule|fatig|blag|komedi|pri|lwaye|kouran|bos)"
        r" (?:\w+ ){0,2}?(?:ap |pral |pra |va )?touye (?:m|mwen|nou)\b",
        r"\b(?:m|mwen|n|nou|li) (?:ap |pral |prale |pra |apral |prske |preske )?mouri"
        r" (?:ak |de |pou )?"
        r"(?:grangou|swaf|fret|cho|chale|ri|bouke|fatig\w*|domi|anvi)\b|\b(?:telefon|fon"
        r"|batri|selile|kat|kredi) (?:\w+ ){0,2}?(?:mouri|mo|fini)\b",
        r"\bme mato (?:trabajando|estudiando)\b|\b(?:me muero|muriendome|muriendo|muerto"
        r"|muerta|muertos|me estoy muriendo) (?:\w+ )?de (?:hambre|sed|calor|frio|risa|la risa"
        r"|sueno|cansancio|aburrimiento|verguenza|ganas|envidia|curiosidad|pena|fatiga)\b",
        r"\b(?:calor|sol|trafico|tapon|precio|precios|renta|luz|jefe|trabajo|chiste|chistes)"
        r" (?:\w+ ){0,2}?me (?:mata|matan|esta matando|estan matando|va a matar)\b"
        r"|\b(?:celular|cel|telefono|bateria|pila|carro|guagua|motor|saldo) (?:\w+ ){0,2}?"
        r"(?:muerto|muerta|murio|se murio|se me murio)\b|\bse me (?:murio|muri) (?:el|la)"
        r" (?:celular|cel|telefono|bateria|pila)\b",
        r"\b(?:je meurs|meurs|mourir|mort|morte|morts|crever|creve|crevee) (?:\w+ )?de"
        r" (?:faim|soif|chaud|froid|rire|fatigue|ennui|honte|envie|peur|sommeil)\b"
        r"|\b(?:telephone|portable|batterie|tel) (?:\w+ ){0,2}?(?:mort|morte|creve|a plat)\b"
        r"|\b(?:prix|chaleur|soleil|boulot|travail|trajet|blagues?|faim|soif|fatigue|ennui)"
        r" (?:\w+ ){0,2}?(?:me|nous) tu(?:e|ent|er|era)\b",
        r"\b(?:hungry|hungri|hunger|starving|starvin) (?:\w+ ){0,4}?feel like (?:i|mi|me|ah)"
        r" (?:\w+ ){0,2}?(?:die|dead|ded)\b",
    )
]

# Denials: a danger word said only to deny it ("mi nuh inna no danger", "m pa an danje", "no
# estoy en peligro", "je ne suis pas en danger", "nobody threaten me", "I'm not suicidal").
# Blanked before matching, unless a doubt comes just before ("can't promise I won't...").
# They name no plan or means, so an explicit plan elsewhere in the message still matches.
_DENIALS = [
    re.compile(p)
    for p in (
        r"\b(?:in|inna) no danger\b|\b(?:not|nuh|nah|no|never|neva|aint|ain t|isnt|wasnt|am not"
        r"|im not|i m not|we re not|en|ent|na"
        r"|dont feel|don t feel|doh feel) (?:\w+ )?(?:in|inna|at) (?:no |any |real |nuh )?"
        r"(?:danger|risk)\b",
        r"\b(?:not|nuh|nah|na|never|aint|ain t|isnt|wasnt|no) (?:feeling |feelin |being )?"
        r"suicidal\b",
        r"\b(?:nobody|no one|noone|no body|nobady|nuhbody|nah one) (?:\w+ )?(?:threat\w*|hurt\w*"
        r"|beat\w*|after|trouble\w*|bother\w*) (?:me|mi|meh|us)\b",
        r"\b(?:not|nuh|nah|never|neva|wont|won t|will not|would not|wouldnt|would never"
        r"|will never) (?:go |gonna |going to |a go |ago |to |fi |ever )?(?:kill|hurt|harm|cut)"
        r" (?:my ?self|mi ?self|meself|miself|mi sef|my sef)\b",
        r"\b(?:dont|don t|doh|doan|nuh|nah|na|no|not) (?:want|wah|waan|wan|wanna|wana)(?: to| fi"
        r"| fuh)? (?:be )?(?:dead|die|ded)\b",
        r"\bno (?:es (?:q|que) )?(?:estoy|toy|este|estamos|me siento|me encuentro|corro|corremos"
        r"|hay) (?:en )?"
        r"(?:ningun |nada de |algun )?peligro\b|\bno (?:soy|estoy|me siento) suicida\b"
        r"|\b(?:nadie|naiden) me (?:esta |ha )?(?:amenaz\w*|quiere matar|persigue|pega|golpea)"
        r"\b|\bno (?:me voy a|me pienso|me quiero|voy a) (?:matar|hacer dano|hacerme dano"
        r"|suicidar)\b",
        r"\b(?:pas|plus|jamais|aucun|point) (?:du tout )?en (?:danger|peril)\b|\bpas"
        r" suicidaire\b|\bpersonne ne (?:me|nous) (?:menace|frappe|veut du mal|suit|bat)\b"
        r"|\b(?:vais|veux) pas me (?:tuer|suicider|faire du mal)\b",
        r"\bpa (?:\w+ )?(?:an|nan) (?:okenn |ankenn )?danje\b|\bpa gen (?:okenn )?danje\b"
        r"|\b(?:pesonn|okenn moun) pa (?:\w+ )?(?:menase|bat|frape|vle touye) (?:m|mwen|nou)\b"
        r"|\b(?:m|mwen) pa (?:pral|pra|ap|p ap|janm|vle) touye (?:tet|ko) ?(?:m|mwen)\b",
    )
]
_DOUBT = re.compile(
    r"\b(?:promise|sure|if|whether|know|say|swear|guarantee|si|seguro|sur|sure que|pa konnen"
    r"|ka di)(?: \w+){0,2}\s*$"
)

_ANY = [
    # Words that mean danger in every language.
    r"\bsuicid\w*",
    r"\boverdos\w*|\bsurdose\b|\bsobredosis\b",
    r"\bkidnap\w*|\bsecuestr\w*",
    r"\bviolen(?:ce|cia)\b",
    r"\b(?:gun(?:s|man|men|shot|shots|point)?|pistol\w*|revolv\w*|firearms?)\b"
    r"(?! (?:licen[cs]e|permit|training|course|safety|certificate)\b)",
    r"\bextor(?:sion|t)\w*",
    r"\bgang(?:s|sta|stas|ster|sters)\b|\bgang (?:member\w*|man|men|boy\w*|dem|yo|a|la|leader\w*"
    r"|banger\w*|violence|war\w*|people|ppl)\b|\bpandill\w*|\bbandi\b|\bshotta\w*",
    r"\b(?:from|afraid of|fraid of|scared of|fraid a|hiding from|running from) (?:the |di |de"
    r" |dem )?(?:gang|bandi)\b",
    r"\b(?:di|de|the|a|dis|this|that|dat|one|local) gang (?:\w+ ){0,3}?(?:want\w*|after|look\w*"
    r"|search\w*|hunt\w*|threat\w*|kill\w*|say|said|seh|chase\w*|shoot\w*|shot)\b",
    r"\bmenas\w*|\bmenac\w*|\bamenaz\w*|\bthreat(?:en|ens|ened|ening|s)?\b",
]

_ENGLISH = [
    # English and creoles: suicidal thoughts and self-harm.
    rf"\b(?:kill\w*|kil|hang\w*|poison\w*|shoot|shot|drown\w*|stab\w*|off|unaliv\w*"
    rf"|starv\w*) {_SELF}\b",
    rf"\b(?:hurt\w*|harm\w*|cut|cuts|cutting|cuttin|burn\w*) {_SELF}\b"
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
    rf"\b(?:{_GOING}|imma|ima|just|jus|ready|go and) (?:to )?end it\b"
    r"(?! (?:with|here|there|between)\b)",
    rf"\b{_WANT}(?: to| 2| fi| fuh| ta)? (?:be )?(?:die|dead|ded)\b",
    r"\bwish (?:i|mi|me|ah) (?:\w+ ){0,3}?(?:dead|die|died)\b",
    r"\bwish (?:i|mi|me|ah) (?:\w+ ){0,2}?(?:never|neva|not|wasnt|werent) (?:\w+ )?"
    r"(?:born|wake|woke)\b",
    r"\b(?:dont|don t|do not|doh|doan|dun|nuh|noh|no|nah|not) (?:want|wan|waan|wah|wanna|feel like"
    rf"|care|wish)(?: to| fi| fuh| 2)? (?:live|liv|be alive|wake up|exist)\b{_NOT_A_PLACE}",
    r"\b(?:tired|tyad|tiad|fed up|sick|weary|done) (?:a |of |ah |o |wid |with |fi |fuh )?"
    rf"(?:this |dis |di )?(?:life|living|livin|live|being alive)\b{_NOT_A_PLACE}",
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
    rf"|done take) (?:\w+ ){{0,2}}?{_LOTS} (?:\w+ ){{0,3}}?{_PILLS}\b|\bswallowed (?:\w+ ){{0,2}}?"
    rf"{_PILLS}\b",
    rf"\b(?:took|take|taking|tek|tak|swallow\w*|drank|drink|drinking|drinkin|ate|eat)"
    rf" (?:\w+ ){{0,3}}?{_POISON}\b",
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
    rf"(?:to|with) {_SELF}\b",
    rf"\b(?:taking|take|tek|drink|swallow) (?:\w+ ){{0,2}}?(?:all|whole|entire|bottle|every)"
    rf" (?:\w+ ){{0,3}}?{_PILLS} (?:tonight|now|at once|one time|same time|together)\b",
    r"\b(?:have|got|gat|get|getting|has|a get|mi have|keep|kept) (?:\w+ ){0,2}?(?:pills?|tablets?"
    r"|rope|noose|razor|razors|blade|blades|poison) (?:\w+ ){0,3}?(?:ready|counted|lined up"
    r"|laid out|in front of me|beside me|next to me)\b",
    # English and creoles: violence, threats, abuse, rape, weapons.
    rf"\b{_GOING} (?:to |fi |fuh )?(?:kill|kil|murder|shoot|shot|stab|juk|chop|hurt|harm"
    rf"|rape|bun|burn) (?:{_ME}|{_MY} (?:\w+ )?{_KIN}|dem|them)\b"
    r"(?! (?:a|an|the|some|off|out|up|down|back|over|feelings?|chances?|business|credit"
    r"|pride|name|career)\b)",
    rf"\b{_HIT} (?:up )?{_ME}\b(?! (?:to it|out|off|in the back|{_A_MESSAGE})\b)",
    rf"\bhit(?:s|ting|tin)? {_ME}\b(?! (?:up|back|with|wid|{_A_MESSAGE})\b)",
    rf"\bkick\w* (?:{_ME}|{_MY} (?:\w+ )?{_KIN})\b(?! (?:out|off)\b)",
    rf"\b(?:kill|killed|killing|murder\w*|molest\w*|rape\w*|abus\w*|touch\w*|hurt|hurting"
    rf"|beat\w*) {_MY} (?:\w+ )?{_KIN}\b(?! (?:to|at|in) (?:school|the|a)\b)",
    r"\b(?:bus|buss|bust|bruk|broke|brok|crack|cracked|split|mash|mashed) (?:up )?"
    r"(?:my|mi|meh|mih|mah|ma|her|she) (?:head|hed|face|jaw|nose|rib|ribs|teeth|eye|skull|lip)"
    r"\b",
    rf"\b(?:want|wants|wan|waan|wah|wanted|wish|wishes) {_ME} (?:to |fi )?(?:dead|ded|die)"
    r"\b",
    r"\b(?:want|wants|after|come fi|come for|a come fi|out for) (?:my|mi|meh) (?:head"
    r"|life|blood)\b",
    rf"\b(?:follow\w*|stalk\w*|hunt\w*) {_ME}\b(?! (?:on|pon|online|insta\w*|ig|fb|back"
    r"|up|tiktok)\b)",
    r"\b(?:hunt\w*|look\w*|search\w*) (?:fi|fuh|for) (?:me|mi|meh) (?:fi|to|fuh) (?:kill"
    r"|shoot|chop|dead)\b|\bgunm[ae]n\b (?:\w+ ){0,3}?(?:fi|for|after) (?:me|mi|meh)\b",
    r"\brap(?:e|ed|es|ing|ist|ists)\b|\bsexual(?:ly)? (?:abus\w*|assault\w*|harass\w*)",
    r"\bmolest\w*|\bincest\b|\bhuman traffick\w*|\bsex traffick\w*",
    rf"\bforc\w* (?:{_ME}|{_MY} \w+) (?:to |fi )?(?:have sex|sex|sleep with|sleep wid)\b"
    r"|\bforc\w* (?:himself|hisself|heself|hiself|herself) (?:on|pon)\b",
    rf"\binterfer\w* (?:wid|with|wit) (?:{_ME}|{_MY} (?:\w+ )?{_KIN})\b|\block\w* {_ME}"
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
    r"|in jeopardy)\b|\b(?:in|inna) (?:\w+ )?danger\b(?! of\b)",
    r"\b(?:i|im|i m|mi|me|ah|we|wi|us|my (?:kids|children|family|pickney|son|daughter|baby))"
    r" (?:\w+ ){0,2}?(?:not|nuh|nah|dont|don t|doh|never|no) (?:\w+ )?safe\b"
    r"(?! (?:to|for) (?:drive|eat|use|work|travel)\b)|\bunsafe\b",
    r"\b(?:fear|scared|afraid|fraid|fraida|frighten\w*) (?:for|fi|fuh) (?:my|mi|meh|our)"
    r" (?:life|lives|safety)\b",
    rf"\b(?:police|cop|cops|officer|officers|soldier|soldiers|guard|guards|jdf|jcf"
    rf"|babylon) (?:\w+ ){{0,3}}?(?:{_HIT}|kill\w*|brutal\w*|rough\w*|kick\w*|hit)\b",
    rf"\b{_KIN}\b (?:\w+ ){{0,3}}?(?:in danger|missing|gone missing)\b"
    r"(?! (?:school|class|classes|out|the|a|my|his|her|me|mi|us|you|u|him|dem|them|home|work"
    r"|church|it|that|mommy|daddy|mama|papa)\b)",
]

_ENGLISH += [
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
    rf"\bput (?:his|he|him|her|dem|their|a|him ) ?hands? (?:on|pon) {_MY} (?:\w+ )?{_KIN}\b"
    rf"|\b(?:hit|hits|hitting|beat|beats|beating|lick|licks) (?:the|my|mi|di|de|her|his) {_KIN}"
    r"\b(?! (?:to|at|in) (?:school|the|a)\b)",
    r"\b(?:ain t|aint|ain|not|no|isn t|isnt|can t|cant|cyaan|nah|nuh) (?:\w+ )?"
    r"(?:breathing|breathin"
    r"|breathe|breath|waking up|wakin up|responding|respondin)\b",
    r"\b(?:seh|say|said|sey) (?:mi|me|i|him|her) (?:a )?(?:dead|ded) if\b|\b(?:a go|ago|gonna"
    r"|going to|go|gon) (?:dead|ded) (?:mi|me|him|her|we|wi)\b",
]

_SPANISH = [
    # Spanish.
    r"\bmatar(?:me|te|la|lo|nos|los|las)\b|\bme (?:maten|mataran|matara|mataria)\b",
    r"\b(?:me|nos|la|lo|le|te) (?:va|van|vas|quiere|quieren|iba|iban|piensan|trata\w*"
    r"|intent\w*|querian|quiso|quisieron|voy) (?:a |de )?matar\b",
    r"\b(?:me|te|nos) (?:quiero|kiero|qiero|quisiera|kero|voy a) matar\b",
    r"\bquit\w* la vida\b|\b(?:acabar|terminar|termino|acabo|acabe|termine) con (?:mi"
    r" vida|todo\b(?! (?:el|la|los|las|lo|eso)\b))",
    r"\b(?:quiero|kiero|qiero|quisiera|kisiera|deseo|quero|ganas de|prefiero)"
    r" (?:morir|murir)\w*(?! de (?:hambre|risa|la risa|calor|frio|sed|sueno|cansancio"
    r"|aburrimiento|verguenza)\b)",
    r"\bme (?:quiero|kiero|qiero|quisiera|kero) (?:morir|murir)\b",
    r"\bmejor (?:me muero|muerto|muerta|morir\w*|estar muert\w*)\b|\bmejor(?:es)? sin mi\b",
    r"\bojala (?:\w+ ){0,2}?(?:muer\w*|morir\w*)\b|\b(?:irme|ir|salir) de este mundo\b",
    r"\b(?:quiero|quisiera|kiero) desaparecer\b|\bno vale la pena (?:nada|seguir|vivir)\b"
    r"|\bya no vale la pena$|\b(?:golpiza|paliza)\b",
    r"\b(?:fue|fui|fueron|ha sido|han sido|he sido) (?:abusad\w*|violad\w*|golpead\w*"
    r"|agredid\w*|amenazad\w*|atacad\w*|secuestrad\w*|apunalad\w*|balead\w*)\b",
    r"\bno (?:aguanto|puedo|soporto) (?:mas )?(?:la vida|vivir|esta vida|mi vida)\b"
    r"|\bno quiero seguir(?:$| (?:asi|mas|ya|en este mundo)\b)",
    r"\b(?:me|le|nos) \w+ con (?:un|una|el|la) (?:cuchillo|machete|navaja|punal|cuchilla)\b",
    r"\bno (?:quiero|kiero|qiero|deseo|tengo ganas de|vale la pena) (?:seguir )?"
    r"(?:vivir|viviendo)\b(?! (?:aqui|aki|alli|ahi|en|con|cerca|por)\b)",
    r"\b(?:no|sin|ninguna?|nada) (?:\w+ ){0,2}?(?:razon|razones|motivo|motivos|sentido)"
    r" (?:\w+ )?(?:para|pa|de) (?:vivir|seguir viviendo|seguir vivo|estar vivo)\b"
    r"|\bvida (?:ya )?no tiene sentido\b",
    r"\b(?:cansad\w*|cansao|harto|harta) de (?:vivir|la vida|esta vida|existir)\b",
    r"\bcort\w* (?:las )?venas\b|\bme (?:estoy|sigo|vuelvo a) cortando\b|\bautolesion\w*",
    r"\bme (?:corto|corte|cortaba) (?:los brazos|las piernas|las munecas|la muneca"
    r"|otra vez|de nuevo|a proposito)\b|\b(?:hacerme|me hago|me hice) dano\b(?! en\b)",
    r"\b(?:tengo|tenia|guarde|prepare) (?:\w+ ){0,2}?(?:pastillas|pildoras|tabletas|soga|cuerda"
    r"|veneno|navaja) (?:\w+ ){0,3}?(?:listas?|listos?|preparad\w*|contad\w*)\b",
    r"\b(?:tome|tomo|tomar|tomarme|trague|tragarme|bebi|beber) (?:\w+ ){0,3}?(?:todas|toas"
    r"|todo el|todos|un frasco|un pote|una caja|un monton|muchas|demasiad\w*|un paquete"
    r"|\d+) (?:\w+ ){0,3}?(?:pastillas|pildoras|tabletas|medicinas|medicamentos|remedios"
    r"|capsulas)\b",
    r"\b(?:tom\w*|beb\w*|trag\w*) (?:\w+ ){0,2}?(?:veneno|raticida|cloro|clorox"
    r"|pesticida|gramoxone|lejia|creolina)\b",
    r"\bahorc\w*|\b(?:tirarme|lanzarme|me tiro|me lanzo|me (?:voy|quiero) a? ?(?:tirar|lanzar)"
    r"|brincar|saltar) (?:\w+ ){0,3}?(?:puente|edificio|techo|balcon|azotea|precipicio|mar"
    r"|rio)\b",
    r"\bnadie (?:\w+ ){0,3}?(?:extran\w*|import\w*|notar\w*) (?:\w+ ){0,2}?(?:si|cuando)"
    r" (?:me muero|muero|me mato|ya no este)\b|\b(?:me|lo|la|nos) (?:quieren|van a|quiere"
    r"|va a) desaparecer\b",
    r"\b(?:punalada\w*|navajazo\w*|machetazo\w*|cuchillada\w*)\b",
    r"\b(?:dormir|dormirme|acostarme) y no (?:despertar|despertarme|levantarme)\b",
    r"\b(?:me|le|nos|te) (?:pega|pego|pegan|pegaron|golpe(?:a|an|o|aron|aba|aban|ando)"
    r"|maltrat\w*|viol\w*|ahorc\w*|estrangul\w*|apunal\w*|acuchill\w*|dispar\w*"
    r"|persigu\w*|persig\w*|encerr(?:o|aron)|tiene\w* encerrad\w*|da golpes?|dan golpes?"
    r"|dio golpes?|dieron golpes?)\b",
    r"\b(?:me|le|la|lo|nos) (?:dio|dieron|da|dan) (?:una )?pela\b|\bme (?:estan|esta"
    r"|vienen|viene) (?:siguiendo|persiguiendo|buscando pa\w* matar)\b",
    r"\bviol(?:acion|aron|o|ada|adas|ado|ador|adores)\b|\babus\w* (?:de|a) (?:mi|la|el"
    r"|mis|ella|nosotros)\b|\babuso sexual\b|\babusaron\b",
    r"\b(?:pistola|escopeta|fusil|arma|armas|tiros|tiroteo|balazo|balazos|disparo"
    r"|disparos|dispararon)\b",
    r"\ben peligro\b(?! de\b)|\bcorr\w* peligro\b|\bno (?:estoy|me siento|toy) (?:a salvo"
    r"|segur[oa] (?:aqui|aki|en mi casa|con el|con ella))\b",
    r"\b(?:nino|nina|ninos|ninas|hijo|hija|hijos|hijas|bebe|nieto|nieta|muchach\w*"
    r"|carajit\w*|menor)\b (?:\w+ ){0,3}?(?:desaparec\w*|perdid\w*|no aparece)\b",
]

_SPANISH += [
    r"\b(?:este|esta) es mi ultimo mensaje\b|\bpa despedirme\b|\bcolgarme\b|\bacabar conmigo\b",
    r"\b(?:pastillas|cuchillo|soga|veneno|navaja|pistola) (?:\w+ ){0,3}?(?:en la mano|aqui)\b"
    r"|\bcompre (?:\w+ ){0,1}?veneno\b|\bveneno de rata\b",
    r"\b(?:romo|ron|alcohol|cerveza) (?:\w+ ){0,2}?con (?:\w+ ){0,1}?(?:pastillas|pildoras"
    r"|tabletas)\b",
    r"\b(?:me|nos) (?:estan|tan|ta|esta) (?:disparando|tirando tiros|cayendo a tiros)\b"
    r"|\b(?:esperando|buscando|persiguiendo) (?:\w+ ){0,2}?con (?:un|una) (?:cuchillo|machete"
    r"|pistola|arma)\b",
    r"\b(?:queman|quemar|quemaran) (?:\w+ ){0,2}?(?:casa|rancho) (?:\w+ ){0,1}?conmigo\b"
    r"|\bnada me da ganas de vivir\b",
    r"\bsoga (?:\w+ )?(?:amarra\w*|lista|puesta|colgad\w*)\b|\b(?:no se|pa que|para que|pa q"
    r"|para q) (?:\w+ ){0,2}?me (?:despierto|levanto)\b|\b(?:pa|para) (?:que|q) seguir"
    r" (?:viviendo|vivo|con vida)\b",
    r"\b(?:dando|da|dan|dio|dieron|daba) (?:\w+ )?golpes? a (?:mi|la|el|los|las|su) (?:\w+ )?"
    r"(?:nina|nino|hija|hijo|hijos|hijas|carajit\w*|bebe|muchach\w*)\b",
    r"\b(?:hijo|hija|nino|nina|bebe|carajit\w*|muchachit\w*) (?:\w+ ){0,5}?se (?:tomo|trago|bebio)"
    r" (?:\w+ ){0,3}?(?:pastillas|pildoras|veneno|cloro|pastilla|medicinas)\b",
    r"\bme (?:tan|estan|andan|anda|ta|esta) buscando\b(?! (?:trabajo|empleo|casa|un|una|el|la"
    r"|para trabajar)\b)",
    r"\b(?:me|le|nos) \w+ con (?:un|una|el|la) (?:palo|correa|piedra|botella|bate|tubo|martillo"
    r"|cable|plancha)\b",
]

_FRENCH = [
    # French.
    r"\b(?:me|nous|la|le|les|te) (?:tuer|suicider|pendre|flinguer|supprimer)\b"
    r"(?! (?:au|a la) (?:travail|tache|boulot)\b)",
    r"\bm (?:a|ont) (?:presque|failli) tue\w*|\bme foutre en l air\b",
    r"\b(?:envie|j?veux|voudrais|veut|vais|prefere|prefererais|aimerais|souhaite)"
    r" (?:de )?mourir\b(?! (?:de|d) (?:faim|rire|soif|froid|chaud|chaleur|fatigue|ennui"
    r"|honte|envie|peur)\b)",
    r"\ben finir\b(?! (?:avec|de) (?:le|la|les|l|ce|cet|cette|ces|mon|ma|mes|son|sa)"
    r" (?!vie\b|jours\b)\w)|\bmettre fin a (?:mes jours|ma vie|tout|mon existence)\b",
    r"\b(?:j?veux|veut|peux|peut|ai|a) (?:plus|pas) (?:envie de )?vivre\b"
    r"(?! (?:ici|la|avec|chez|dans|a|en|pres)\b)",
    r"\b(?:marre|fatigue\w*|lasse?|epuise\w*|degoute\w*) (?:de|d) (?:la vie|vivre|ma vie"
    r"|cette vie|exister)\b|\bmieux sans moi\b|\bidees noires\b",
    r"\b(?:qu il|qu ils|qu elle|qu on) (?:va |vont )?me tu(?:e|ent|era|eront)\b|\bavale(?:e|s|es)?"
    r" (?:des|mes|les|plein de|toute?s? (?:mes|les)) (?:cachets|pilules|comprimes|medicaments"
    r"|medocs)\b|\b(?:ouvr\w*|ouvert|coup\w*|taillad\w*) (?:les |mes )?(?:veines|poignets)\b",
    r"\b(?:j?veux|envie de|voudrais|vais) disparaitre\b|\bsupporte\w* plus (?:la vie|ma vie"
    r"|cette vie|de vivre)\b",
    r"\b(?:plus|pas|aucune?|sans|rien) (?:\w+ ){0,2}?(?:raison|raisons|sens|but) (?:de"
    r"|pour) vivre\b",
    r"\bme (?:coupe|couper|scarifie\w*|mutile\w*)\b(?! (?:les|mes) (?:cheveux|ongles"
    r"|barbe)\b)|\bscarif\w*|\bautomutil\w*|\bme (?:faire|fais) du mal\b",
    r"\b(?:pris|prise|avale|avalee|prendre|avaler) (?:\w+ ){0,2}?(?:tous|toutes|tout"
    r"|une boite|la boite|une plaquette|plein|trop|beaucoup|\d+) (?:\w+ ){0,3}?(?:pilules"
    r"|cachets|comprimes|medicaments|medocs|gelules|somniferes|pills)\b",
    r"\b(?:bu|boire|avale\w*) (?:\w+ ){0,2}?(?:poison|javel|pesticide|mort aux rats)\b",
    r"\b(?:j ai|ai|garde|prepare) (?:\w+ ){0,2}?(?:cachets|pilules|comprimes|corde|lame"
    r"|poison) (?:\w+ ){0,3}?(?:prets?|pretes?|prepare\w*|comptes?|alignes?)\b",
    r"\bpendaison\b|\b(?:sauter|me jeter) (?:du|d un|de la|par la|sous|dans|a la) (?:\w+ )?"
    r"(?:pont|immeuble|toit|fenetre|balcon|falaise|train|metro|voiture|mer|fleuve|riviere)\b",
    r"\b(?:couteau|lame|arme|pistolet|flingue) (?:\w+ ){0,2}?(?:sous|sur|contre) (?:la|ma|mon)"
    r" (?:gorge|tete|tempe|cou)\b|\bme tirer (?:une balle|dessus)\b|\bballe dans (?:la|ma)"
    r" tete\b",
    r"\b(?:me|m)(?: a| ont| avait| avaient)? (?:frapp\w*|bat|battu\w*"
    r"|tabass\w*|cogn\w*|etrangl\w*|viol\w*|poignard\w*|agress\w*|maltrait\w*|brutalis\w*"
    r"|harcel\w*|pourchass\w*|poursuit|poursuivent)\b",
    r"\b(?:ete|suis|etre|etais) (?:frapp\w*|battue?s?|viol\w*|agress\w*|tabass\w*"
    r"|poignard\w*|maltrait\w*)\b|\bviol\b|\battouch\w*|\binceste\b",
    r"\bvictime de (?:violence\w*|viol|coups|abus)\b|\babus\w* sexuel\w*",
    r"\b(?:fusil|arme a feu|armes a feu|coups? de feu|flingue)\b|\b(?:il|elle|ils|on|qqn"
    r"|quelqu un|homme|mec|gars) (?:a|avait|ont|sort|sorti|a sorti) (?:un|une|des)"
    r" (?:couteau|machette|poignard|lame|arme|flingue)\b",
    r"\ben danger\b|\b(?:pas|plus) en securite\b",
    r"\b(?:mon|ma|mes|notre) (?:enfant|enfants|fils|fille|filles|bebe|petit|petite|gosse)\b"
    r" (?:\w+ ){0,3}?(?:disparu\w*|enlev\w*)\b",
]

_FRENCH += [
    r"\b(?:c est|voici) mon dernier message\b|\b(?:prepare|achete) (?:\w+ ){0,1}?(?:la corde"
    r"|une corde|de la mort aux rats|du poison)\b",
    r"\b(?:vois|voit) (?:plus|pas|aucun) (?:l |d )?(?:interet|sens|raison) (?:de|d|a) (?:vivre"
    r"|continuer)\b|\bje vais sauter (?:ce soir|cette nuit|maintenant|demain)\b"
    r"|\bme suis (?:encore |de nouveau |re)?coupe\w*\b(?! (?:les|mes) (?:cheveux|ongles|barbe)\b)",
    r"\b(?:cachets|couteau|corde|lame|pilules) (?:\w+ ){0,2}?(?:devant moi|dans (?:la|ma) main)\b"
    r"|\b(?:rhum|alcool|vin) (?:\w+ ){0,2}?avec (?:des |mes )?(?:medicaments|cachets|pilules)\b",
]

_KREYOL = [
    # Haitian Creole.
    r"\btouye (?:tet|ko) ?(?:mwen|m|mw|li|nou)\b",
    r"\b(?:vle|vl|ta renmen|anvi|anvie|ta pito|pito|prefere|pral|pare pou|swete)"
    r" (?:mouri|die)\b(?! (?:grangou|swaf|fret|cho|ri|domi|bouke|fatig\w*)\b)",
    r"\bswete (?:\w+ ){0,2}?mouri\b(?! (?:grangou|swaf|ri)\b)",
    r"\b(?:pa|pap|p ap) (?:vle|ka|kapab|konn) (?:viv|rete viv|kontinye viv|egziste)\b"
    r"(?! (?:la|isit|kote|nan|ak|avek|lakay|bo)\b)",
    r"\bpa (?:gen|genyen|we|jwenn) (?:\w+ )?(?:rezon|poukisa|pou kisa|sans) (?:pou )?"
    r"(?:m |mwen )?(?:ap |pou )?(?:viv|kontinye|leve)\b",
    r"\b(?:fatige|fatig|bouke|bouk|tanne|about) (?:ak |avek |ak tout )?(?:viv|lavi)\b"
    r"(?! (?:nan|la|isit|kote|ak|avek|bo|lakay|lari)\b)"
    r"|\bfini ak (?:lavi|tet) ?(?:m|mwen|a)?\b",
    r"\bpran lavi (?:m|mwen)\b(?! an men\b)|\bpa (?:ka|kapab) (?:sipote|siporte|kenbe)"
    r"(?: \w+){0,2} anko\b",
    r"\bpi (?:byen|bon) (?:si (?:m|mwen) (?:pa la|mouri|pa egziste|ale)|san (?:m|mwen))\b",
    r"\b(?:pran|bwe|vale) (?:\w+ ){0,2}?(?:tout|yon bwat|yon paket|twop|anpil|yon bann"
    r"|\d+) (?:\w+ ){0,2}?(?:grenn|pilil|medikaman|konprime|tablet)\b",
    r"\b(?:bwe|bw|pran|vale) (?:\w+ )?(?:pwazon|klowoks|klorox|kloroks|gramoxone"
    r"|pestisid)\b",
    r"\b(?:gen|genyen|mete|kenbe) (?:\w+ ){0,2}?(?:grenn|kod|pwazon|lanm) (?:\w+ ){0,3}?"
    r"(?:pare|prepare|konte)\b",
    r"\bkoupe (?:ponyet|venn|po|ko) ?(?:mwen|m)\b|\bblese tet (?:mwen|m)\b"
    r"|\bfe (?:tet|ko) (?:mwen|m) mal\b|\bpann (?:tet|ko) ?(?:mwen|m)\b",
    r"\b(?:sote|jete|lage|voltije) (?:\w+ ){0,2}?(?:sou|nan|anba) (?:pon|do kay|bilding"
    r"|lanme|rivye|kamyon|machin)\b",
    r"\b(?:yo|y|li|l|neg|nonm|gang|moun|polis|mari|mennaj|zanmi|fre|papa|manman)"
    r" (?:\w+ ){0,3}?touye (?:m|mwen|mw|nou|pitit|fanmi)\b",
    r"\b(?:vle|pral|pra|prale|menase|eseye|pou) touye (?:m|mwen|mw|nou|pitit)\b",
    r"\b(?:bat|kale|frape|bimen|trangle|estrangle|atake) (?:m|mwen|mw|nou|pitit)\b"
    r"|\bpe pou lavi (?:m|mwen|nou|pitit)\b"
    r"|\b(?:ba|ban|bay) (?:m|mwen) (?:kou|baton|kout)\b|\bkout (?:kouto|zam|manchet)\b",
    r"\bvyol\w*|\bkadejak\b|\bzam\b|\btire (?:sou|nan) (?:m|mwen|nou|kay|pitit)\b"
    r"|\btire (?:manman|papa|pitit|fre|se|mari|madanm|kouzen) (?:m|mwen)\b|\bal(?:e)? jwenn"
    r" bondye\b"
    r"|\btire (?:m|mwen|nou)\b(?! (?:yon |de )?(?:foto|poto|potre|kat)\b)",
    r"\b(?:kouto|manchet|zam)\b (?:\w+ ){0,2}?(?:sou|nan) (?:kou|goj|tet|mwen|m)\b",
    r"\bswiv (?:m|mwen) (?:pou (?:touye|bat|fe)|tout kote|lakay|chak (?:jou|swa)|depi)\b",
    r"\b(?:an|nan) danje\b|\bpa (?:\w+ ){0,2}?an sekirite\b",
]

_KREYOL += [
    r"\bdenye mesaj (?:mwen|m)\b|\bp ap (?:janm )?tande m anko\b|\b(?:achte|gen) pwazon\b",
    r"\bdi (?:nou|ou|w|yo) orevwa\b|\b(?:m|mwen) (?:pa p|pap|p ap) la demen\b|\bse pou (?:m|mwen)"
    r" mouri\b|\bpito (?:m|mwen) (?:disparet|mouri|pa la|pa egziste)\b",
    r"\bfe (?:pitit|piti) (?:fi |gason )?(?:m|mwen|li) (?:nan )?(?:move|vye|sal) bagay\b|\b(?:pran"
    r"|bwe|vale) (?:yon )?(?:pakit|pake|paket|bwat) grenn\b",
    r"\b(?:grenn|kouto|kod|pwazon) (?:\w+ ){0,3}?nan men (?:m|mwen)\b|\b(?:kouto|kod) (?:\w+ )?"
    r"pare\b|\bkoupe (?:bra|ponyet|janm|po) (?:m|mwen)\b",
    r"\blage (?:ko|kom|ko m|tet) (?:m |mwen )?nan (?:larivye|lanme|rivye)\b|\bswete (?:m|mwen)"
    r" pa (?:leve|reveye)\b|\banyen ki fe (?:m|mwen) vle viv\b",
    r"\b(?:kleren|wonm|alkol) (?:\w+ ){0,1}?ak (?:\w+ ){0,1}?(?:grenn|medikaman)\b"
    r"|\bboule kay (?:\w+ ){0,1}?ak (?:m|mwen) (?:ladan|andedan)\b",
]

# Indirect ideation themes in every language: no reason to go on, being a burden.
_THEMES = [
    (
        "en",
        r"\b(?:no|see no|nuh|aint no|whats the|what s the|wat di|wat the|what the)"
        r" (?:point|reason|use|purpose) (?:\w+ ){0,2}?(?:to |fi |fuh |for |a |of )?"
        r"(?:wake up|get up|go on|keep going|carry on)\b",
    ),
    (
        "en",
        r"\b(?:wont|won t|will not|not gonna|nah go|nuh go) be (?:a |nobody |anybody )?"
        r"(?:problem|burden|bother|trouble) (?:\w+ ){0,3}?(?:no more|anymore|much longer|again"
        r"|(?:to|for|fi|on) (?:any|no|every)(?:body|one))\b",
    ),
    (
        "en",
        r"\b(?:everybody|everyone|every1|dem|they) (?:would|will|d|go)? ?be"
        r" (?:better|fine|ok|okay|happier) (?:off )?(?:if|when|without|widout) (?:i|mi|me)\b",
    ),
    (
        "en",
        r"\b(?:nobody|no one|noone|nobady) (?:gonna|going to|will|go|nah) (?:have to |haffi"
        r" |need to )?(?:worry|stress) (?:\w+ ){0,2}?(?:me|mi) (?:\w+ ){0,2}?(?:after|afta)"
        r" (?:today|tonight|tonite|this)\b",
    ),
    ("en", r"\b(?:i m|im|i am|i|mi|mi is|me) (?:just |only )?(?:a )?burden\b"),
    (
        "es",
        r"\b(?:ya no|no) (?:sere|voy a ser) (?:un |una )?(?:problema|carga|estorbo)"
        r" (?:para|pa) (?:nadie|nadien|ustedes|mi familia)\b",
    ),
    ("es", r"\bsoy (?:solo )?(?:un |una )?(?:carga|estorbo)\b"),
    (
        "es",
        r"\b(?:no hay|no tengo|sin|no veo) (?:ninguna )?(?:razon|razones|motivo|motivos)"
        r" (?:para|pa) (?:vivir|seguir|despertar|levantarme)\b",
    ),
    ("es", r"\bno (?:quiero|kiero) (?:volver a )?despertar\b"),
    (
        "fr",
        r"\b(?:plus|jamais) (?:un |une )?(?:probleme|fardeau|poids|souci) pour"
        r" (?:personne|quiconque|vous|ma famille)\b",
    ),
    ("fr", r"\bje suis (?:juste )?(?:un |une )?(?:fardeau|poids)\b"),
    (
        "fr",
        r"\b(?:plus|aucune|pas de) (?:de )?raisons? de (?:vivre|me lever|me reveiller"
        r"|continuer)\b",
    ),
    ("fr", r"\bne (?:plus|pas) me reveiller\b"),
    ("fr", r"\bne (?:derangerai|embeterai|generai|deranger) plus (?:jamais )?personne\b"),
    (
        "ht",
        r"\b(?:p ap|pap|p ap janm|pap janm) (?:yon )?(?:pwoblem|chay|fado) pou"
        r" (?:pesonn|okenn moun|nou|fanmi)\b",
    ),
    ("ht", r"\b(?:m|mwen) (?:se )?(?:yon )?(?:chay|fado) pou\b"),
    ("ht", r"\b(?:p ap|pap) (?:janm )?(?:deranje|anbete|anmede) pesonn anko\b"),
    ("ht", r"\bpa (?:gen|genyen|we) (?:okenn )?rezon pou (?:m|mwen) (?:viv|leve|kontinye)\b"),
    ("ht", r"\b(?:pa vle|pa ta renmen) (?:leve|reveye) (?:demen|anko)\b"),
]

_PATTERNS: list[tuple[str, str]] = [
    *(("any", pattern) for pattern in _ANY),
    *(("en", pattern) for pattern in _ENGLISH),
    *(("es", pattern) for pattern in _SPANISH),
    *(("fr", pattern) for pattern in _FRENCH),
    *(("ht", pattern) for pattern in _KREYOL),
    *_THEMES,
]

_COMPILED = [(language, re.compile(pattern)) for language, pattern in _PATTERNS]


def _fold(text: str) -> str:
    """Lower-case with accents dropped: "Tèt" -> "tet"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _spaced(text: str) -> str:
    """Punctuation, symbols and runs of whitespace turned into single spaces."""
    return re.sub(r"[\W_]+", " ", text).strip()


def normalise(text: str) -> str:
    """Lower-case, fold accents, squeeze long letter runs, punctuation to single spaces."""
    return _spaced(re.sub(r"([a-z])\1{2,}", r"\1\1", _fold(text)))


def _readings(text: str) -> list[str]:
    """The normalised text, then (if letters were stretched) the one-letter reading of it."""
    readings = [normalise(text)]
    single = _spaced(re.sub(r"([a-z])\1{2,}", r"\1", _fold(text)))
    if single != readings[0]:
        readings.append(single)
    return readings


def _without_idioms(text: str) -> str:
    """The normalised text with harmless idioms ("heat killing me", "glue gun") and denials
    ("not in danger") blanked."""
    for idiom in _IDIOMS:
        text = idiom.sub(" ", text)
    for denial in _DENIALS:
        text = denial.sub(_unless_doubted, text)
    return text


def _unless_doubted(match: re.Match[str]) -> str:
    """Blank a denial, but keep one that follows a doubt ("cant promise i wont hurt myself")."""
    return match.group(0) if _DOUBT.search(match.string[: match.start()]) else " "


def match_crisis(text: str) -> CrisisMatch | None:
    """The first crisis pattern the message matches, or None."""
    for reading in _readings(text):
        clean = _without_idioms(reading)
        for language, regex in _COMPILED:
            if regex.search(clean):
                return CrisisMatch(regex.pattern, language)
    return None


# Taking a message back: "it was a mistake", "I was only asking", "wrong number".
_RETRACTIONS = re.compile(
    r"\b(?:(?:it|that|dat|this|dis) (?:was|is|s|wuz|did)? ?(?:a |an )?(?:mistake|error|joke"
    r"|accident)"
    r"|by (?:mistake|accident)|(?:just|jus|only|onli) (?:asking|askin|a ask|ask|joking|jokin"
    r"|kidding|playing|playin|a joke|a question)|wrong (?:message|number|text|person|chat)"
    r"|ignore (?:that|dat|the last|my last|it)|didn t mean (?:it|that)|did not mean (?:it|that)"
    r"|(?:fue|era) (?:un |una )?(?:error|equivocacion|broma)|me equivoque|sin querer|por error"
    r"|solo (?:preguntaba|estaba preguntando|era una pregunta|bromeaba)|(?:numero|mensaje)"
    r" equivocado|(?:c etait|c est) (?:une )?(?:erreur|blague)|par erreur|je plaisantais"
    r"|juste une question|mauvais (?:numero|message)|se (?:te )?(?:yon )?(?:ere|fot|blag)\b"
    r"|pa (?:t )?(?:fe )?(?:espre|ekspre)|m (?:te )?(?:jis|jus|senpleman) (?:ap )?(?:mande"
    r"|poze yon kesyon)|m t ap (?:jwe|fe blag)|move nimewo)\b"
)


def retracts(text: str) -> bool:
    """The message denies a danger ("not in danger") or takes a message back ("it was a
    mistake", "I was only asking"), and names no plan or harm of its own."""
    if match_crisis(text) is not None:
        return False
    reading = normalise(text)
    return _RETRACTIONS.search(reading) is not None or any(
        denial.search(reading) for denial in _DENIALS
    )


def harmless_reading(text: str) -> str | None:
    """The message without its harmless idioms and denials ("dying of hunger", "not in
    danger"), when it has any: what the model should judge, so that a manner of speech does
    not read as a crisis. None when there is nothing to take out."""
    reading = normalise(text)
    clean = " ".join(_without_idioms(reading).split())
    return clean if clean != reading else None
