"""What is taken out before matching: harmless idioms and denials."""

import re

# What one misses, forgets or is late for (an idiom of being "killed" for it is harmless).
_APPOINTMENT = (
    r"(?:appointment|appt|interview|session|class|bus|flight|meeting|exam|test|deadline"
    r"|orientation|training|workshop|call|date)"
)

# A noun after one of these is where something happened, not what did it.
_NOT_AFTER_A_PREPOSITION = "".join(
    f"(?<!{word} )"
    for word in (
        "in",
        "inna",
        "at",
        "from",
        "fram",
        "by",
        "with",
        "wid",
        "of",
        "near",
        "to",
        "outside",
        "behind",
        "on",
        "pon",
        "an",
        "and",
        "or",
    )
)

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
        # The queue, the forms, the fares and the sun "killing" or "beating" one, after a
        # determiner that no preposition comes before ("the line was killin me", "de sun
        # beating me", but not "the man in the line beat me").
        _NOT_AFTER_A_PREPOSITION + r"\b(?:the|this|dis|dat|that|di|de|da|dem|these|dese|all"
        r" (?:the|dis|this|dese|these|dem|di|de|da)|de whole|the whole|di whole|da whole|y all"
        r"|allyuh|wunna|unu|your|yuh|ur|my|mi|meh|mih|muh) (?:\w+ ){0,2}?(?:heat|sun|traffic"
        r"|line|lines|queue|lineup|wait|waiting|waitin|forms?|paperwork|fee|fees|fare|fares"
        r"|process|system|appointment|appointments|errands|dust|commute|hunger|price|prices"
        r"|bills|rent|stress|feet|foot|back|shoes) (?:is |s |a |are |go |gonna |going to |goin"
        r" |going |gon |gwine |ga |gern |gine |ah |gah |will |ll |really |literally |just |deh"
        r" |ago |a go |was |were |does |did |had |kinda |bout to |tryna |trying to |nearly"
        r" |almost |dem |dem a |been |always |real |so |outside |in here |out here )*"
        r"(?:kill\w*|dead|murder\w*|beat\w*|lick\w*|lash\w*|chok\w*|tortur\w*|punish\w*)"
        r" (?:me|mi|meh|mih|muh|us|we)\b",
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
        r"\b(?:calor|sol|trafico|tapon|precio|precios|renta|luz|jefe|trabajo|chiste|chistes"
        r"|fila|filas|cola|espera|cita|citas|oficina|tramite|tramites|papeleo|vuelta|vueltas"
        r"|guagua|pasaje|pasajes|dolor|pies|hambre|sueno|burocracia|madrugada|requisitos)"
        r" (?:\w+ ){0,2}?me (?:mata|matan|esta matando|estan matando|ta matando|tan matando"
        r"|estaba matando|va a matar|van a matar)\b"
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
        # Office, appointment, queue and phone talk (Trini, Bahamian, Bajan, Guyanese and
        # Dominican): only the words that read as danger are taken out, so the model still
        # sees what the message asks ("appointment", "office", "cita").
        # "mih mother go kill me if ah miss this appointment", "me va a matar si pierdo la cita"
        r"\b(?:kill|murder|kil) (?:me|mi|meh|mih|muh|us|we)\b(?= (?:dead )?if (?:i|ah|mi|me|meh"
        r"|we|wi) (?:\w+ ){0,2}?(?:miss|missed|forget|forgot|lose|lost|mess up|reach late"
        r"|come late|late|skip|fail|don t reach|doh reach|dont reach|nuh reach|eh reach)"
        r" (?:\w+ ){0,3}?" + _APPOINTMENT + r"\b)",
        r"\bme (?:va|van|vas|iba|iban) a matar(?= si (?:\w+ ){0,2}?(?:pierdo|perdi|llego tarde"
        r"|no llego|falto|me pierdo|se me pasa|se me olvida|olvido|no voy) (?:\w+ ){0,3}?"
        r"(?:cita|turno|entrevista|guagua|vuelo|clase|examen|reunion|curso|charla)\b)",
        # "allyuh go kill me with all these forms", "she nearly kill muh wid she mout"
        r"\b(?:kill|killing|killin|murder\w*) (?:me|mi|meh|mih|muh|us|we)(?= (?:wid|with|wit|wif)"
        r" (?:(?:all|so much|so many|dem|de|di|da|the|these|dese|dis|this|dat|that|she|her|his"
        r"|him|dey|their|allyuh|y all|wunna|unu|your|yuh|ur) )*(?:\w+ )?(?:forms?|paper\w*"
        r"|question\w*|line|lines|queue|wait\w*|requirement\w*|document\w*|calls?|runaround"
        r"|run around|back and forth|errands?|joke\w*|laugh\w*|mout|mouth|tongue|attitude|look"
        r"|looks|eyes|cut ?eye|stares?|talk\w*|chat\w*|noise|music|rules|fees|prices|bills"
        r"|stress|worry|worries|story|stories|red tape|bureaucracy|paperwork|office)\b)",
        r"\bme (?:va|van|vas|iba|iban|tan|estan|ta|esta) (?:a )?mat(?:ar|ando)(?= con (?:tanto"
        r"|tanta|tantos|tantas|esa|esta|esos|esas|ese|este|la|el|las|los|su|sus) (?:\w+ )?"
        r"(?:vuelta|vueltas|papeleo|papeles|fila|filas|tapon|espera|cita|citas|requisitos"
        r"|preguntas|llamadas|calor|burocracia|tramite|tramites|formulario|formularios|chiste"
        r"|chistes|cuento|cuentos|lio)\b)",
        # "I feel like I gern die in dat waitin room", "I rather die than stand in dat line"
        r"\bfeel like (?:i|mi|me|ah) (?:\w+ ){0,2}?(?:die|dead|ded)(?= (?:\w+ )?(?:in|inna|from"
        r"|of|waiting|waitin|standing|standin|on|at) (?:\w+ ){0,2}?(?:line|queue|waiting room"
        r"|waitin room|heat|sun|office|traffic|bus|lobby|hallway)\b)",
        r"\b(?:rather|prefer to|sooner) (?:die|dead|ded)(?= than (?:\w+ ){0,2}?(?:wait|stand|line"
        r" up|queue|sit|go back|deal|fill|call|come back) (?:\w+ ){0,4}?(?:line|queue|office"
        r"|forms?|paperwork|lady|waiting|wait|bus|traffic|again)\b)",
        # "the officer dem dragging dey foot", "dey box me round from office to office",
        # "ah catch licks in that line", "dey shoot we over to a next office"
        r"\bdrag\w* (?:(?:their|dey|dem|they|his|her|he|she|di|de|the|my|mi|meh|your|yuh"
        r"|allyuh|y all|wunna|unu) )?(?:feet|foot|heels)\b|\bdrag\w* (?:it|dis|this|dat|that"
        r"|things|tings|everything|the process|di process|de process|the thing|de ting|di ting)"
        r" (?:out|on)\b",
        r"\b(?:box|boxed|boxing|shuffle\w*|bounce\w*|pass\w*|send\w*|sent) (?:me|mi|meh|us|we)"
        r" (?:a)?round(?= (?:from|fram) (?:\w+ ){0,2}?(?:office|window|desk|counter|department"
        r"|ministry|place|pillar|person|building)\b)",
        r"\b(?:catch|ketch|catching|ketchin|catchin|ketching|take|taking|takin|tek|get|getting"
        r"|gettin|got) (?:\w+ )?licks(?= (?:in|inna|with|wid|from|fram|at|by) (?:the|dat|that"
        r"|dis|this|di|de|da|allyuh|y all|wunna|unu|your) (?:\w+ )?(?:line|office|queue"
        r"|paper\w*|system|process|traffic|sun|heat|bus|ministry|application|forms?|place"
        r"|counter|window)\b)",
        r"\b(?:shoot|shot|shoots) (?:me|mi|meh|us|we)(?= (?:over|across|straight) (?:to|by)"
        r" (?:a |an |another |the |di |de |da |next |a next |dat |that )?(?:\w+ )?(?:office"
        r"|desk|window|counter|department|building|ministry|section|branch|supervisor"
        r"|manager)\b)",
        # "the lady at the counter abuse me in front everybody" (Caribbean: cussed me out)
        r"\b(?:abus\w*|cuss\w*|curs\w*) (?:me|mi|meh|us)(?= (?:bad |real bad |so )?in front"
        r" (?:of |ah |a |o )?(?:everybody|everyone|all a dem|all the people|(?:de|di|the|da)"
        r" (?:people|line|office|customers|whole line|whole office|counter))\b)",
        # "esa fila me tiene secuestrao", "voy a matarme estudiando", "toy ahorcao con la renta",
        # "ni a tiros me contestan", "a tiro de piedra", "me pego la gripe"
        r"\bsecuestr\w*(?= (?:en|aqui en|aki en|aqui|aki) (?:esta|esa|la|el|este|ese)"
        r" (?:fila|oficina|cola|sala|espera|banco|guagua|tapon|cita|consulta|linea)\b)",
        r"\b(?:matarme|me mato|me estoy matando|me toy matando|me voy a matar|me tengo que matar"
        r"|me mate)(?= (?:\w+ )?(?:trabajando|estudiando|caminando|haciendo fila|madrugando"
        r"|buscando|corriendo|esperando)\b)",
        r"\b(?:toy|estoy|ando|tamo|estamos|andamos|vivo|tan|ta|me tienen|me tiene|quede"
        r"|quedamos) (?:bien |muy |super |to |todo |toa )?ahorca(?:o|do|da|os|dos|das|ito|ita)\b"
        r"|\b(?:renta|deuda|deudas|pagos|cuentas|prestamo|banco|luz|cheles|dinero|cuarto"
        r"|cuartos|prestamista) (?:\w+ ){0,2}?(?:me|nos) (?:tiene|tienen|ta|tan|esta|estan)"
        r" ahorca\w*",
        r"\bni a tiros\b|\ba tiro de piedra\b|\bde un tiro\b",
        # a landmark, not a danger: "al lado de la fiscalia de violencia de genero", "by da gun
        # court", "next to the domestic violence unit"
        r"\b(?:al lado de|cerca de|frente a|enfrente de|detras de|junto a|al lao de) (?:la |el )?"
        r"(?:fiscalia|unidad|oficina|departamento|centro|direccion|destacamento) (?:de |contra"
        r" la |contra )?(?:la )?violencia(?: de genero| intrafamiliar| domestica| contra la"
        r" mujer)?\b",
        r"\b(?:next to|beside|by|near|across from|opposite|behind|in front of|close to|round"
        r" by) (?:the |di |de |da )?(?:domestic violence|gender based violence|gbv|gang violence"
        r"|family violence|gun) (?:unit|court|courts|office|division|department|building)\b",
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
