"""Reply texts of the conversation flows, in the four languages (GSM-7, within 2 segments).

Placeholders in braces are filled by `flows.texts.render`; every language must use the
same placeholders as English (a test checks it).
"""

FLOW_TEXTS: dict[str, dict[str, str]] = {
    # Onboarding
    "choose_language": {
        "en": "Welcome to the Returnee Assistant of the reintegration programme. Choose your "
        "language: 1 English, 2 Espanol, 3 Francais, 4 Kreyol.",
        "es": "Bienvenido al Asistente para Retornados del programa de reintegracion. Elija su "
        "idioma: 1 English, 2 Espanol, 3 Francais, 4 Kreyol.",
        "fr": "Bienvenue a l'Assistant Retour du programme de reintegration. Choisissez votre "
        "langue: 1 English, 2 Espanol, 3 Francais, 4 Kreyol.",
        "ht": "Byenvini nan Asistan Retounen pwogram reyentegrasyon an. Chwazi lang ou: "
        "1 English, 2 Espanol, 3 Francais, 4 Kreyol.",
    },
    "consent": {
        "en": "Before we start: we keep your number, country and answers only to help you, and "
        "only your caseworkers see them. Do you agree? Reply 1 YES or 2 NO. STOP to end.",
        "es": "Antes de empezar: guardamos su numero, pais y respuestas solo para ayudarle, y "
        "solo sus trabajadores sociales los ven. Esta de acuerdo? Responda 1 SI o 2 NO. "
        "BAJA para salir.",
        "fr": "Avant de commencer: nous gardons votre numero, pays et reponses seulement pour "
        "vous aider, et seuls vos travailleurs sociaux les voient. D'accord? Repondez 1 OUI "
        "ou 2 NON. STOP pour arreter.",
        "ht": "Anvan nou komanse: nou kenbe nimewo w, peyi w ak repons ou sèlman pou ede w, e "
        "se sèlman asistan sosyal ou yo ki wè yo. Ou dakò? Reponn 1 WI oswa 2 NON. KANPE "
        "pou sispann.",
    },
    "consent_declined": {
        "en": "OK. We keep only your number, so that you can stop messages. You can still ask "
        "us questions. Reply JOIN if you change your mind.",
        "es": "Bien. Solo guardamos su numero, para que pueda parar los mensajes. Puede seguir "
        "haciendonos preguntas. Responda UNIRME si cambia de opinion.",
        "fr": "D'accord. Nous gardons juste votre numero, pour pouvoir arreter les messages. "
        "Vous pouvez encore poser des questions. Repondez INSCRIRE si vous changez d'avis.",
        "ht": "Dakò. Nou kenbe nimewo w sèlman, pou w ka sispann mesaj yo. Ou ka toujou poze "
        "nou kesyon. Reponn ENSKRI si w chanje lide.",
    },
    "choose_country": {
        "en": "Which country are you in now? Reply with the number: {options}",
        "es": "En que pais esta ahora? Responda con el numero: {options}",
        "fr": "Dans quel pays etes-vous maintenant? Repondez avec le numero: {options}",
        "ht": "Nan ki peyi ou ye kounye a? Reponn ak nimewo a: {options}",
    },
    "ask_code": {
        "en": "If a caseworker gave you a registration code, send it now. If not, reply NO.",
        "es": "Si un trabajador social le dio un codigo de registro, envielo ahora. Si no, "
        "responda NO.",
        "fr": "Si un travailleur social vous a donne un code d'inscription, envoyez-le "
        "maintenant. Sinon, repondez NON.",
        "ht": "Si yon asistan sosyal te ba w yon kòd enskripsyon, voye l kounye a. Si non, "
        "reponn NON.",
    },
    "code_unknown": {
        "en": "We could not find that code. Check it and send it again, or reply NO to skip.",
        "es": "No encontramos ese codigo. Reviselo y envielo otra vez, o responda NO para "
        "saltar este paso.",
        "fr": "Nous n'avons pas trouve ce code. Verifiez-le et renvoyez-le, ou repondez NON "
        "pour passer.",
        "ht": "Nou pa jwenn kòd sa a. Tcheke l epi voye l ankò, oswa reponn NON pou sote etap "
        "sa a.",
    },
    "code_linked": {
        "en": "Thank you. Your number is now linked to your case and your caseworker.",
        "es": "Gracias. Su numero ya esta vinculado a su caso y a su trabajador social.",
        "fr": "Merci. Votre numero est maintenant lie a votre dossier et a votre travailleur "
        "social.",
        "ht": "Mèsi. Nimewo w konekte kounye a ak dosye w ak asistan sosyal ou.",
    },
    "code_pending": {
        "en": "Thank you. Your caseworker will call to confirm this new number, then link it "
        "to your case.",
        "es": "Gracias. Su trabajador social le llamara para confirmar este numero nuevo y "
        "luego lo vinculara a su caso.",
        "fr": "Merci. Votre travailleur social vous appellera pour confirmer ce nouveau "
        "numero, puis le liera a votre dossier.",
        "ht": "Mèsi. Asistan sosyal ou ap rele w pou konfime nouvo nimewo sa a, epi l ap "
        "konekte l ak dosye w.",
    },
    "onboarding_done": {
        "en": "Thank you, you are registered. {menu}",
        "es": "Gracias, su registro esta listo. {menu}",
        "fr": "Merci, votre inscription est faite. {menu}",
        "ht": "Mèsi, ou enskri kounye a. {menu}",
    },
    "invalid_choice": {
        "en": "Please reply with one of the numbers.",
        "es": "Por favor responda con uno de los numeros.",
        "fr": "Merci de repondre avec un des numeros.",
        "ht": "Tanpri reponn ak youn nan nimewo yo.",
    },
    # Menu and small talk
    "menu": {
        "en": "Reply with a number: 1 Counselling, 2 Training, 3 Business class, 4 Job, "
        "5 Grant, 6 Drug rehab, 7 ID papers, 8 Health, 9 Housing, 10 Office, "
        "11 Appointment, 0 Talk to a person.",
        "es": "Responda un numero: 1 Consejeria, 2 Capacitacion, 3 Clase de negocios, "
        "4 Empleo, 5 Apoyo economico, 6 Rehabilitacion, 7 Documentos, 8 Salud, 9 Vivienda, "
        "10 Oficina, 11 Cita, 0 Hablar con alguien.",
        "fr": "Repondez par un numero: 1 Soutien psy, 2 Formation, 3 Cours de commerce, "
        "4 Emploi, 5 Aide financiere, 6 Desintox, 7 Papiers, 8 Sante, 9 Logement, "
        "10 Bureau, 11 Rendez-vous, 0 Parler a une personne.",
        "ht": "Reponn ak yon nimewo: 1 Konsey, 2 Fòmasyon, 3 Kou biznis, 4 Travay, "
        "5 Sibvansyon, 6 Rehabilitasyon, 7 Papye, 8 Sante, 9 Kay, 10 Biwo, 11 Randevou, "
        "0 Pale ak yon moun.",
    },
    "greeting": {
        "en": "Hello! How can we help? {menu}",
        "es": "Hola! En que le podemos ayudar? {menu}",
        "fr": "Bonjour! Comment pouvons-nous vous aider? {menu}",
        "ht": "Bonjou! Kijan nou ka ede w? {menu}",
    },
    "thanks_reply": {
        "en": "You are welcome. Reply MENU any time you need something.",
        "es": "De nada. Responda MENU cuando necesite algo.",
        "fr": "Avec plaisir. Repondez MENU quand vous avez besoin de quelque chose.",
        "ht": "Pa gen pwoblèm. Reponn MENI nenpòt lè ou bezwen yon bagay.",
    },
    "goodbye_reply": {
        "en": "Take care. Text us any time you need something.",
        "es": "Cuidese. Escribanos cuando necesite algo.",
        "fr": "Prenez soin de vous. Ecrivez-nous quand vous avez besoin de quelque chose.",
        "ht": "Pran swen tèt ou. Ekri nou nenpòt lè ou bezwen yon bagay.",
    },
    "not_understood": {
        "en": "Sorry, we did not understand. {menu}",
        "es": "Perdon, no entendimos. {menu}",
        "fr": "Desole, nous n'avons pas compris. {menu}",
        "ht": "Padon, nou pa konprann. {menu}",
    },
    "not_understood_again": {
        "en": "Sorry, we still did not understand. Reply 0 to talk to a person, or MENU to see "
        "what we can help with.",
        "es": "Perdon, todavia no entendimos. Responda 0 para hablar con una persona, o MENU "
        "para ver en que podemos ayudarle.",
        "fr": "Desole, nous ne comprenons toujours pas. Repondez 0 pour parler a une personne, "
        "ou MENU pour voir comment nous pouvons aider.",
        "ht": "Padon, nou toujou pa konprann. Reponn 0 pou pale ak yon moun, oswa MENI pou wè "
        "sa nou ka fè pou ou.",
    },
    "language_changed": {
        "en": "OK, we will write to you in English.",
        "es": "Bien, le escribiremos en español.",
        "fr": "D'accord, nous vous ecrirons en francais.",
        "ht": "Dakò, n ap ekri w an kreyòl.",
    },
    # Orientation
    "service_answer": {
        "en": "{service}: {partner}, {where}. {hours}. Bring: {bring}. Ask WHERE, WHEN or "
        "BRING, or reply MENU.",
        "es": "{service}: {partner}, {where}. {hours}. Traiga: {bring}. Pregunte DONDE, CUANDO "
        "o TRAER, o responda MENU.",
        "fr": "{service}: {partner}, {where}. {hours}. Apportez: {bring}. Demandez OU, QUAND ou "
        "APPORTER, ou repondez MENU.",
        "ht": "{service}: {partner}, {where}. {hours}. Pote: {bring}. Mande KOTE, KILE oswa "
        "POTE, oswa reponn MENI.",
    },
    "service_via_office": {
        "en": "{service}: your caseworker arranges it. Office: {office}, {address}. {hours}. "
        "Reply 0 to talk to a person, or MENU.",
        "es": "{service}: su trabajador social lo organiza. Oficina: {office}, {address}. "
        "{hours}. Responda 0 para hablar con una persona, o MENU.",
        "fr": "{service}: votre travailleur social s'en occupe. Bureau: {office}, {address}. "
        "{hours}. Repondez 0 pour parler a une personne, ou MENU.",
        "ht": "{service}: asistan sosyal ou ap okipe sa. Biwo: {office}, {address}. {hours}. "
        "Reponn 0 pou pale ak yon moun, oswa MENI.",
    },
    "follow_where": {
        "en": "{service}: {partner}, {where}. Office phone {phone}. Reply MENU for more.",
        "es": "{service}: {partner}, {where}. Telefono de la oficina {phone}. Responda MENU "
        "para mas.",
        "fr": "{service}: {partner}, {where}. Tel. du bureau {phone}. Repondez MENU pour plus.",
        "ht": "{service}: {partner}, {where}. Telefòn biwo a {phone}. Reponn MENI pou plis.",
    },
    "follow_when": {
        "en": "{service}: {hours}. Reply MENU for more.",
        "es": "{service}: {hours}. Responda MENU para mas.",
        "fr": "{service}: {hours}. Repondez MENU pour plus.",
        "ht": "{service}: {hours}. Reponn MENI pou plis.",
    },
    "follow_bring": {
        "en": "{service}: bring {bring}. Reply MENU for more.",
        "es": "{service}: traiga {bring}. Responda MENU para mas.",
        "fr": "{service}: apportez {bring}. Repondez MENU pour plus.",
        "ht": "{service}: pote {bring}. Reponn MENI pou plis.",
    },
    "office_answer": {
        "en": "{office}: {address}. Open {hours}. Phone {phone}. Reply MENU for more.",
        "es": "{office}: {address}. Abierto {hours}. Telefono {phone}. Responda MENU para mas.",
        "fr": "{office}: {address}. Ouvert {hours}. Tel. {phone}. Repondez MENU pour plus.",
        "ht": "{office}: {address}. Louvri {hours}. Telefòn {phone}. Reponn MENI pou plis.",
    },
    "appointment_answer": {
        "en": "Your caseworker gives you the date of your next appointment. Reply 0 to talk to "
        "a person, or MENU.",
        "es": "Su trabajador social le da la fecha de su proxima cita. Responda 0 para hablar "
        "con una persona, o MENU.",
        "fr": "Votre travailleur social vous donne la date de votre prochain rendez-vous. "
        "Repondez 0 pour parler a une personne, ou MENU.",
        "ht": "Asistan sosyal ou ap ba w dat pwochen randevou w. Reponn 0 pou pale ak yon "
        "moun, oswa MENI.",
    },
    "by_appointment": {
        "en": "By appointment: call {phone}",
        "es": "Con cita: llame al {phone}",
        "fr": "Sur rendez-vous: appelez le {phone}",
        "ht": "Sou randevou: rele {phone}",
    },
    "nothing_to_bring": {
        "en": "nothing special",
        "es": "nada especial",
        "fr": "rien de special",
        "ht": "anyen espesyal",
    },
    # Check-ins
    "checkin_question": {
        "en": "Monthly check-in from the Returnee Assistant: how are you doing? Reply 1 Good, "
        "2 Okay, 3 Struggling.",
        "es": "Seguimiento mensual del Asistente para Retornados: como esta? Responda 1 Bien, "
        "2 Regular, 3 Con dificultades.",
        "fr": "Suivi mensuel de l'Assistant Retour: comment allez-vous? Repondez 1 Bien, "
        "2 Moyen, 3 En difficulte.",
        "ht": "Swivi chak mwa Asistan Retounen: kijan ou ye? Reponn 1 Byen, 2 Pa pi mal, "
        "3 Mwen gen difikilte.",
    },
    "checkin_good_reply": {
        "en": "Glad to hear it. Reply MENU any time you need something.",
        "es": "Que bueno. Responda MENU cuando necesite algo.",
        "fr": "Content de l'entendre. Repondez MENU quand vous avez besoin de quelque chose.",
        "ht": "Nou kontan tande sa. Reponn MENI nenpòt lè ou bezwen yon bagay.",
    },
    "checkin_okay_reply": {
        "en": "Thank you for telling us. Reply MENU if you need something, or 0 to talk to a "
        "person.",
        "es": "Gracias por contarnos. Responda MENU si necesita algo, o 0 para hablar con una "
        "persona.",
        "fr": "Merci de nous le dire. Repondez MENU si vous avez besoin de quelque chose, ou 0 "
        "pour parler a une personne.",
        "ht": "Mèsi paske w di nou sa. Reponn MENI si w bezwen yon bagay, oswa 0 pou pale ak "
        "yon moun.",
    },
    "checkin_need": {
        "en": "We are sorry it is hard. A caseworker will contact you {when}. What do you need "
        "most? 1 Someone to talk to, 2 Work, 3 Money, 4 Housing, 5 Health, 6 Other",
        "es": "Sentimos que sea dificil. Un trabajador social le contactara {when}. Que "
        "necesita mas? 1 Alguien con quien hablar, 2 Trabajo, 3 Dinero, 4 Vivienda, 5 Salud, "
        "6 Otro",
        "fr": "Desole que ce soit dur. Un travailleur social vous contactera {when}. De quoi "
        "avez-vous le plus besoin? 1 Quelqu'un a qui parler, 2 Travail, 3 Argent, 4 Logement, "
        "5 Sante, 6 Autre",
        "ht": "Nou regrèt sa difisil. Yon asistan sosyal ap kontakte w {when}. Kisa ou plis "
        "bezwen? 1 Yon moun pou pale, 2 Travay, 3 Lajan, 4 Kay, 5 Sante, 6 Lòt bagay",
    },
    "need_noted": {
        "en": "Thank you. We told your caseworker.",
        "es": "Gracias. Se lo dijimos a su trabajador social.",
        "fr": "Merci. Nous avons prevenu votre travailleur social.",
        "ht": "Mèsi. Nou di asistan sosyal ou a sa.",
    },
    # Handoff
    "handoff": {
        "en": "A caseworker will contact you {when}. Until then your messages go to them. "
        "Reply STOP to end.",
        "es": "Un trabajador social le contactara {when}. Mientras tanto sus mensajes van a "
        "esa persona. Responda BAJA para salir.",
        "fr": "Un travailleur social vous contactera {when}. En attendant, vos messages lui "
        "sont transmis. Repondez STOP pour arreter.",
        "ht": "Yon asistan sosyal ap kontakte w {when}. Jiskaske sa, mesaj ou yo ap rive "
        "jwenn li. Reponn KANPE pou sispann.",
    },
    "handoff_ended": {
        "en": "Your caseworker handed you back to the assistant. Reply MENU to see what we can "
        "help with.",
        "es": "Su trabajador social le devolvio al asistente. Responda MENU para ver en que "
        "podemos ayudarle.",
        "fr": "Votre travailleur social vous a rendu a l'assistant. Repondez MENU pour voir "
        "comment nous pouvons aider.",
        "ht": "Asistan sosyal ou a remèt ou bay asistan otomatik la. Reponn MENI pou wè sa nou "
        "ka fè pou ou.",
    },
    "when_now": {
        "en": "today before {time}",
        "es": "hoy antes de las {time}",
        "fr": "aujourd'hui avant {time}",
        "ht": "jodi a anvan {time}",
    },
    "when_today": {
        "en": "today after {time}",
        "es": "hoy despues de las {time}",
        "fr": "aujourd'hui apres {time}",
        "ht": "jodi a apre {time}",
    },
    "when_tomorrow": {
        "en": "tomorrow after {time}",
        "es": "mañana despues de las {time}",
        "fr": "demain apres {time}",
        "ht": "demen apre {time}",
    },
    "when_day": {
        "en": "on {day} after {time}",
        "es": "el {day} despues de las {time}",
        "fr": "{day} apres {time}",
        "ht": "{day} apre {time}",
    },
    # Caseworkers (sent to staff numbers)
    "alert_sms": {
        "en": 'ALERT {code} {kind}: {who} ({country}) wrote: "{snippet}" Reply ACK {code}',
        "es": 'ALERTA {code} {kind}: {who} ({country}) escribio: "{snippet}" Responda ACK {code}',
        "fr": 'ALERTE {code} {kind}: {who} ({country}) a ecrit: "{snippet}" Repondez ACK {code}',
        "ht": 'ALET {code} {kind}: {who} ({country}) ekri: "{snippet}" Reponn ACK {code}',
    },
    "alert_escalated_sms": {
        "en": "ESCALATED {code} {kind}, not acknowledged in time: {who} ({country}), "
        "caseworker {caseworker}. Reply ACK {code}",
        "es": "ESCALADA {code} {kind}, sin confirmar a tiempo: {who} ({country}), "
        "trabajador social {caseworker}. Responda ACK {code}",
        "fr": "ESCALADE {code} {kind}, non confirmee a temps: {who} ({country}), "
        "travailleur social {caseworker}. Repondez ACK {code}",
        "ht": "ESKALADE {code} {kind}, pa konfime alè: {who} ({country}), asistan sosyal "
        "{caseworker}. Reponn ACK {code}",
    },
    "ack_done": {
        "en": "Alert {code} acknowledged. Reply DONE {code} to hand the returnee back to the "
        "bot when you have finished.",
        "es": "Alerta {code} confirmada. Responda DONE {code} para devolver la persona al bot "
        "cuando termine.",
        "fr": "Alerte {code} confirmee. Repondez DONE {code} pour rendre la personne au bot "
        "quand vous avez fini.",
        "ht": "Alèt {code} konfime. Reponn DONE {code} pou remèt moun nan bay bot la lè w fini.",
    },
    "resolve_done": {
        "en": "Alert {code} resolved. The bot answers the returnee again.",
        "es": "Alerta {code} resuelta. El bot responde a la persona de nuevo.",
        "fr": "Alerte {code} resolue. Le bot repond de nouveau a la personne.",
        "ht": "Alèt {code} rezoud. Bot la ap reponn moun nan ankò.",
    },
    "unknown_alert": {
        "en": "There is no open alert {code}. Check the code.",
        "es": "No hay ninguna alerta abierta {code}. Revise el codigo.",
        "fr": "Il n'y a pas d'alerte ouverte {code}. Verifiez le code.",
        "ht": "Pa gen alèt {code} ki louvri. Tcheke kòd la.",
    },
    "caseworker_help": {
        "en": "Caseworker commands: ACK <code> acknowledges an alert, DONE <code> resolves it "
        "and hands the returnee back to the bot.",
        "es": "Comandos para trabajadores sociales: ACK <code> confirma una alerta, DONE <code> "
        "la resuelve y devuelve la persona al bot.",
        "fr": "Commandes des travailleurs sociaux: ACK <code> confirme une alerte, DONE <code> "
        "la resout et rend la personne au bot.",
        "ht": "Kòmand pou asistan sosyal: ACK <code> konfime yon alèt, DONE <code> rezoud li "
        "epi remèt moun nan bay bot la.",
    },
}

# Labels used inside replies, in the same four languages.
LABELS: dict[str, dict[str, str]] = {
    "counselling": {"en": "Counselling", "es": "Consejeria", "fr": "Soutien psy", "ht": "Konsey"},
    "vocational_training": {
        "en": "Vocational training",
        "es": "Capacitacion",
        "fr": "Formation pro",
        "ht": "Fòmasyon metye",
    },
    "business_training": {
        "en": "Business training",
        "es": "Clase de negocios",
        "fr": "Cours de commerce",
        "ht": "Fòmasyon biznis",
    },
    "job_placement": {"en": "Job placement", "es": "Empleo", "fr": "Emploi", "ht": "Travay"},
    "grants": {
        "en": "Business grants",
        "es": "Apoyo a negocios",
        "fr": "Aide au commerce",
        "ht": "Sibvansyon biznis",
    },
    "drug_rehab": {
        "en": "Drug rehab",
        "es": "Rehabilitacion",
        "fr": "Desintox",
        "ht": "Rehabilitasyon",
    },
    "documents": {"en": "ID papers", "es": "Documentos", "fr": "Papiers", "ht": "Papye"},
    "health": {"en": "Health", "es": "Salud", "fr": "Sante", "ht": "Sante"},
    "housing": {"en": "Housing", "es": "Vivienda", "fr": "Logement", "ht": "Kay"},
    "id_card": {"en": "ID card", "es": "Cedula", "fr": "Carte d'identite", "ht": "Kat idantite"},
    "passport": {"en": "passport", "es": "pasaporte", "fr": "passeport", "ht": "paspò"},
    "birth_certificate": {
        "en": "birth certificate",
        "es": "acta de nacimiento",
        "fr": "acte de naissance",
        "ht": "batistè",
    },
    "deportation_letter": {
        "en": "return papers",
        "es": "papeles de retorno",
        "fr": "papiers de retour",
        "ht": "papye retou",
    },
    "police_record": {
        "en": "police record",
        "es": "record policial",
        "fr": "casier judiciaire",
        "ht": "dosye polis",
    },
    "passport_photos": {"en": "2 photos", "es": "2 fotos", "fr": "2 photos", "ht": "2 foto"},
    "proof_of_address": {
        "en": "proof of address",
        "es": "prueba de domicilio",
        "fr": "preuve d'adresse",
        "ht": "prèv adrès",
    },
    "business_plan": {
        "en": "business plan",
        "es": "plan de negocio",
        "fr": "projet d'entreprise",
        "ht": "ide oswa plan biznis",
    },
    "referral_letter": {
        "en": "referral letter",
        "es": "carta de referencia",
        "fr": "lettre d'orientation",
        "ht": "lèt referans",
    },
    "medical_card": {
        "en": "medical card",
        "es": "carnet medico",
        "fr": "carte medicale",
        "ht": "kat medikal",
    },
    "prescriptions": {
        "en": "prescriptions",
        "es": "recetas",
        "fr": "ordonnances",
        "ht": "preskripsyon",
    },
    "alert_crisis": {"en": "CRISIS", "es": "CRISIS", "fr": "CRISE", "ht": "KRIZ"},
    "alert_request_human": {
        "en": "asks for a person",
        "es": "pide una persona",
        "fr": "demande une personne",
        "ht": "mande yon moun",
    },
    "alert_struggling": {
        "en": "struggling",
        "es": "con dificultades",
        "fr": "en difficulte",
        "ht": "gen difikilte",
    },
    "alert_undeliverable": {
        "en": "number unreachable",
        "es": "numero inalcanzable",
        "fr": "numero injoignable",
        "ht": "nimewo pa pase",
    },
    "alert_missed_checkins": {
        "en": "missed check-ins",
        "es": "seguimiento sin respuesta",
        "fr": "suivis sans reponse",
        "ht": "pa reponn swivi yo",
    },
    "alert_new_number": {
        "en": "new number to verify",
        "es": "nuevo numero a verificar",
        "fr": "nouveau numero a verifier",
        "ht": "nouvo nimewo pou verifye",
    },
    "need_1": {
        "en": "someone to talk to",
        "es": "alguien con quien hablar",
        "fr": "quelqu'un a qui parler",
        "ht": "yon moun pou pale",
    },
    "need_2": {"en": "work", "es": "trabajo", "fr": "travail", "ht": "travay"},
    "need_3": {"en": "money", "es": "dinero", "fr": "argent", "ht": "lajan"},
    "need_4": {"en": "housing", "es": "vivienda", "fr": "logement", "ht": "kay"},
    "need_5": {"en": "health", "es": "salud", "fr": "sante", "ht": "sante"},
    "need_6": {"en": "other", "es": "otro", "fr": "autre", "ht": "lòt bagay"},
}

# Day abbreviations, Monday first; "-" joins a range of days, "," separates groups.
DAY_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "es": ("Lun", "Mar", "Mie", "Jue", "Vie", "Sab", "Dom"),
    "fr": ("Lun", "Mar", "Mer", "Jeu", "Ven", "Sam", "Dim"),
    "ht": ("Len", "Mad", "Mek", "Jed", "Van", "Sam", "Dim"),
}
