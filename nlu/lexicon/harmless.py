"""What is taken out before matching: harmless idioms and denials."""

import re

# Harmless idioms removed before matching: dying and killing as manners of speech (hunger,
# heat, tiredness, laughter, business, a dead phone, a killer price), and guns that are tools.
IDIOMS = [
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
DENIALS = [
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
DOUBT = re.compile(
    r"\b(?:promise|sure|if|whether|know|say|swear|guarantee|si|seguro|sur|sure que|pa konnen"
    r"|ka di)(?: \w+){0,2}\s*$"
)
