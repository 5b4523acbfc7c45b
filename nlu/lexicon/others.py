"""Crisis patterns in Spanish, French and Kreyol, and the indirect themes in all four."""


def _not_after(*phrases: str) -> str:
    """Negative lookbehinds, one per phrase (each of fixed width)."""
    return "".join(f"(?<!{phrase} )" for phrase in phrases)


# "me pego la gripe": one catches a cold, the sun, a fever.
_CATCHING = (
    r"(?:el|la|un|una|los|las) (?:gripe|gripa|virus|calor|hambre|sueno|fiebre|dengue|covid"
    r"|catarro|resfriado|resfrio|chikungunya|flu|calentura|diarrea|moquera|tos|sol|susto"
    r"|cuernos|chicle|cancion|mana|maña)\b"
)
# "el tramite me dio una pela": an ordeal, not a beating.
_NOT_AN_ORDEAL = _not_after(
    "tramite",
    "fila",
    "papeleo",
    "oficina",
    "cita",
    "espera",
    "calor",
    "sol",
    "tapon",
    "guagua",
    "trabajo",
    "examen",
    "curso",
    "vuelta",
    "vueltas",
    "entrevista",
    "caminata",
    "subida",
    "dia",
    "semana",
    "burocracia",
    "lio",
    "mudanza",
)
# "mi cita ta en peligro": the appointment, the job or the grant is at stake, not a life.
_NO_EN_JUEGO = "".join(
    _not_after(f"{noun} {linker}".strip())
    for noun in (
        "cita",
        "turno",
        "entrevista",
        "pago",
        "apoyo",
        "tramite",
        "solicitud",
        "empleo",
        "trabajo",
        "puesto",
        "beca",
        "cupo",
        "negocio",
        "expediente",
        "caso",
        "chance",
        "visa",
        "dinero",
        "cheque",
        "grant",
        "curso",
        "dia",
        "reunion",
        "plaza",
    )
    for linker in (
        "",
        "ta",
        "esta",
        "estaria",
        "queda",
        "quedaria",
        "sigue",
        "va a estar",
        "puede estar",
        "podria estar",
        "estara",
        "tan",
        "estan",
    )
)
# "en peligro de" a harm to life still counts: "en peligro de muerte".
_DANO_DE = (
    r"(?:muerte|morir|perder la vida|que me maten|que (?:me|nos|lo|la|le|los) (?:maten|mate"
    r"|hagan|peguen|violen|secuestren|disparen))\b"
)

SPANISH = [
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
    # The means and the place or the day chosen: a plan ("ya tengo la soga y escogi el sitio").
    r"\b(?:pastillas|pildoras|soga|veneno)\b(?! (?:pa|para) (?:saltar|brincar|tender|amarrar))"
    r" (?:\w+ ){0,6}?(?:(?:sitio"
    r"|lugar|dia|fecha|hora|arbol|puente) (?:ya )?(?:escogid\w*|elegid\w*|decidid\w*|pensad\w*"
    r"|listo|lista)|(?:escogi|elegi|decidi|busque) (?:el|la) (?:sitio|lugar|dia|fecha|hora|arbol"
    r"|puente))\b",
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
    r"\b(?:me|le|nos|te) (?:(?:pega|pego|pegan|pegaron)(?! " + _CATCHING + r")"
    r"|golpe(?:a|an|o|aron|aba|aban|ando)|maltrat\w*|viol\w*|ahorc\w*|estrangul\w*|apunal\w*"
    r"|acuchill\w*|dispar\w*\b(?! (?:la|el) (?:presion|azucar|glucosa|tension|fiebre|precio"
    r"|renta|luz|alergia|colesterol)\b)|persig\w*\b(?! (?:la|el) (?:mala suerte|salazon|sala"
    r"|deuda|banco|cobrador|mala racha)\b)|encerr(?:o|aron)|tiene\w* encerrad\w*|da golpes?"
    r"|dan golpes?|dio golpes?|dieron golpes?)\b",
    _NOT_AN_ORDEAL
    + r"\b(?:me|le|la|lo|nos) (?:dio|dieron|da|dan) (?:una )?pela\b|\bme (?:estan|esta"
    r"|vienen|viene) (?:siguiendo|persiguiendo|buscando pa\w* matar)\b",
    r"\bviol(?:acion|aron|o|ada|adas|ado|ador|adores)\b|\babus\w* (?:de|a) (?:mi|la|el"
    r"|mis|ella|nosotros)\b|\babuso sexual\b|\babusaron\b",
    r"\b(?:pistola\b(?! de (?:silicon|silicona|pegamento|pega|pintura|calor|clavos|grapas"
    r"|agua|aire|juguete)\b)|escopeta|fusil|(?<!se )arma\b(?! (?:un|una|el|la|tu|su|tremendo"
    r"|tremenda|mucho|mucha|otro|otra) (?:\w+ )?(?:lio|relajo|bulla|bochinche|pleito|fiesta"
    r"|expediente|curriculum|cv|rompecabeza\w*|escandalo|revolu|despelote|show)\b)|armas|tiros"
    r"|tiroteo|balazo|balazos|(?<!se )disparo|disparos|(?<!se )dispararon)\b"
    r"|\bme (?:dan|dieron|van a dar|daran|iban a dar|quieren dar) (?:un )?(?:tiro|tiros|balazo"
    r"|bala)\b",
    r"\b(?=en peligro\b)" + _NO_EN_JUEGO + r"en peligro\b(?! de\b(?! " + _DANO_DE + r"))"
    r"|\bcorr\w* (?:el )?peligro\b(?! de (?:perder(?! la vida)|quedar\w*|no (?:llegar|alcanzar"
    r"|conseguir|encontrar)|llegar tarde|atrasarme|que (?:me )?(?:cancelen|quiten|suspendan"
    r"|cierren))\b)|\bno (?:estoy|me siento|toy) (?:a salvo"
    r"|segur[oa] (?:aqui|aki|en mi casa|con el|con ella))\b",
    r"\b(?:nino|nina|ninos|ninas|hijo|hija|hijos|hijas|bebe|nieto|nieta|muchach\w*"
    r"|carajit\w*|menor)\b (?:\w+ ){0,3}?(?:desaparec\w*|perdid\w*|no aparece)\b",
]

SPANISH += [
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
    r"|para trabajar)\b| (?:\w+ ){0,4}?(?:cita|entrevista|oficina|firmar|firma|papeles"
    r"|documentos|consulta|curso|llamada|confirmar|pago|cheque|apoyo|trabajo|empleo)\b)",
    r"\b(?:me|le|nos) \w+ con (?:un|una|el|la) (?:palo|correa|piedra|botella|bate|tubo|martillo"
    r"|cable|plancha)\b",
]

FRENCH = [
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

FRENCH += [
    r"\b(?:c est|voici) mon dernier message\b|\b(?:prepare|achete) (?:\w+ ){0,1}?(?:la corde"
    r"|une corde|de la mort aux rats|du poison)\b",
    r"\b(?:vois|voit) (?:plus|pas|aucun) (?:l |d )?(?:interet|sens|raison) (?:de|d|a) (?:vivre"
    r"|continuer)\b|\bje vais sauter (?:ce soir|cette nuit|maintenant|demain)\b"
    r"|\bme suis (?:encore |de nouveau |re)?coupe\w*\b(?! (?:les|mes) (?:cheveux|ongles|barbe)\b)",
    r"\b(?:cachets|couteau|corde|lame|pilules) (?:\w+ ){0,2}?(?:devant moi|dans (?:la|ma) main)\b"
    r"|\b(?:rhum|alcool|vin) (?:\w+ ){0,2}?avec (?:des |mes )?(?:medicaments|cachets|pilules)\b",
]

KREYOL = [
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

KREYOL += [
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
THEMES = [
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
