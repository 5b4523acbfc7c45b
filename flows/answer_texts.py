"""Texts of onboarding by dialling code, handoffs that hear every message, retractions,
cost and eligibility follow-ups, and per-document guidance, in the four languages."""

ANSWER_TEXTS: dict[str, dict[str, str]] = {
    "country_confirm": {
        "en": "Are you in {country} now? Reply 1 YES or 2 NO.",
        "es": "Esta ahora en {country}? Responda 1 SI o 2 NO.",
        "fr": "Etes-vous en ce moment en/au {country}? Repondez 1 OUI ou 2 NON.",
        "ht": "Eske ou nan peyi {country} kounye a? Reponn 1 WI oswa 2 NON.",
    },
    "consent_again": {
        "en": "Sorry, we did not get that. May we keep your number and answers to help you? "
        "Reply YES if you agree, or NO if not.",
        "es": "Perdon, no entendimos. Podemos guardar su numero y respuestas para ayudarle? "
        "Responda SI si esta de acuerdo, o NO si no.",
        "fr": "Desole, nous n'avons pas compris. Pouvons-nous garder votre numero et vos "
        "reponses pour vous aider? Repondez OUI si vous etes d'accord, sinon NON.",
        "ht": "Padon, nou pa konprann. Eske nou ka kenbe nimewo w ak repons ou pou ede w? "
        "Reponn WI si w dakò, oswa NON si w pa dakò.",
    },
    "consent_later": {
        "en": "No problem, we will ask again later. Until then we keep only your number.",
        "es": "No hay problema, le preguntaremos mas tarde. Mientras tanto solo guardamos "
        "su numero.",
        "fr": "Pas de souci, nous redemanderons plus tard. En attendant nous gardons "
        "seulement votre numero.",
        "ht": "Pa gen pwoblèm, n ap mande ankò pita. Jiskaske sa nou kenbe nimewo w sèlman.",
    },
    "retraction_noted": {
        "en": "Thank you for telling us. We noted it, and a caseworker may still check on you.",
        "es": "Gracias por avisarnos. Lo anotamos, y un trabajador social puede llamarle igual.",
        "fr": "Merci de nous le dire. C'est note, et un travailleur social pourra quand meme "
        "prendre de vos nouvelles.",
        "ht": "Mèsi paske w di nou sa. Nou note l, e yon asistan sosyal ka toujou rele w.",
    },
    "handoff_waiting": {
        "en": "Your caseworker has your message and will answer you {when}.",
        "es": "Su trabajador social tiene su mensaje y le respondera {when}.",
        "fr": "Votre travailleur social a votre message et vous repondra {when}.",
        "ht": "Asistan sosyal ou a gen mesaj ou e l ap reponn ou {when}.",
    },
    "danger_call": {
        "en": "If you are in danger now, call {call}.",
        "es": "Si esta en peligro ahora, llame {call}.",
        "fr": "Si vous etes en danger maintenant, appelez {call}.",
        "ht": "Si w an danje kounye a, rele {call}.",
    },
    "handoff_back": {
        "en": "The Returnee Assistant is answering again. Reply MENU for the options, or 0 to "
        "talk to a person.",
        "es": "El Asistente para Retornados responde de nuevo. Responda MENU para ver las "
        "opciones, o 0 para hablar con alguien.",
        "fr": "L'Assistant Retour repond de nouveau. Repondez MENU pour les options, ou 0 "
        "pour parler a une personne.",
        "ht": "Asistan Retounen an ap reponn ankò. Reponn MENI pou wè opsyon yo, oswa 0 pou "
        "pale ak yon moun.",
    },
    "follow_cost_free": {
        "en": "{service} is free for returnees in the programme.",
        "es": "{service} es gratis para los retornados del programa.",
        "fr": "{service}: c'est gratuit pour les personnes du programme.",
        "ht": "{service} gratis pou moun ki nan pwogram nan.",
    },
    "follow_cost_amount": {
        "en": "{service}: it costs {cost}. Ask us if you cannot pay: reply 0.",
        "es": "{service}: cuesta {cost}. Si no puede pagar, digalo: responda 0.",
        "fr": "{service}: cela coute {cost}. Si vous ne pouvez pas payer, repondez 0.",
        "ht": "{service}: li koute {cost}. Si w pa ka peye, reponn 0.",
    },
    "follow_cost_unknown": {
        "en": "{service}: ask the office about the cost, {phone}. If you cannot pay, reply 0.",
        "es": "{service}: pregunte el costo en la oficina, {phone}. Si no puede pagar, responda 0.",
        "fr": "{service}: demandez le prix au bureau, {phone}. Si vous ne pouvez pas payer, "
        "repondez 0.",
        "ht": "{service}: mande biwo a konbyen li koute, {phone}. Si w pa ka peye, reponn 0.",
    },
    "follow_eligibility": {
        "en": "{service}: every returnee registered with the programme can ask. A caseworker "
        "looks at your case. Bring: {bring}.",
        "es": "{service}: todo retornado registrado en el programa puede pedirlo. Un "
        "trabajador social revisa su caso. Traiga: {bring}.",
        "fr": "{service}: toute personne inscrite au programme peut demander. Un travailleur "
        "social etudie votre dossier. Apportez: {bring}.",
        "ht": "{service}: tout moun ki enskri nan pwogram nan ka mande. Yon asistan sosyal "
        "ap gade dosye w. Pote: {bring}.",
    },
    "document_answer": {
        "en": "{document}: apply at {where}. Cost: {cost}. Bring: {bring}. Ask WHERE for the "
        "office or MENU.",
        "es": "{document}: se pide en {where}. Costo: {cost}. Traiga: {bring}. Pregunte "
        "DONDE o MENU.",
        "fr": "{document}: a demander a {where}. Prix: {cost}. Apportez: {bring}. Demandez "
        "OU ou MENU.",
        "ht": "{document}: mande l nan {where}. Pri: {cost}. Pote: {bring}. Mande KOTE oswa MENI.",
    },
    "document_not_issued": {
        "en": "{document}: not issued in {country}. Ask the office what to use instead: {phone}.",
        "es": "{document}: no se emite en {country}. Pregunte en la oficina que usar: {phone}.",
        "fr": "{document}: pas delivre en/au {country}. Demandez au bureau quoi utiliser: {phone}.",
        "ht": "{document}: yo pa bay sa nan peyi {country}. Mande biwo a sa pou w itilize: "
        "{phone}.",
    },
    "no_id_hint": {
        "en": "No ID? Bring your deportation letter; we help you get one (reply 7).",
        "es": "Sin cedula? Traiga su carta de deportacion; le ayudamos a sacarla (responda 7).",
        "fr": "Pas de papiers? Apportez votre lettre d'expulsion; nous vous aidons (repondez 7).",
        "ht": "Pa gen kat? Pote lèt depòtasyon w; n ap ede w fè youn (reponn 7).",
    },
    "handoff_message_sms": {
        "en": '{who} ({country}) wrote while you have the conversation: "{snippet}" '
        "Answer on the dashboard.",
        "es": "{who} ({country}) escribio mientras usted lleva la conversacion: "
        '"{snippet}" Responda en el panel.',
        "fr": "{who} ({country}) a ecrit pendant que vous suivez la conversation: "
        '"{snippet}" Repondez sur le tableau de bord.',
        "ht": '{who} ({country}) ekri pandan w ap suiv konvèsasyon an: "{snippet}" '
        "Reponn sou tablo a.",
    },
}

ANSWER_LABELS: dict[str, dict[str, str]] = {
    "cost_free": {"en": "free", "es": "gratis", "fr": "gratuit", "ht": "gratis"},
    "friend": {"en": "friend", "es": "amigo", "fr": "ami", "ht": "zanmi"},
    "cost_unknown": {
        "en": "ask the office",
        "es": "pregunte en la oficina",
        "fr": "demandez au bureau",
        "ht": "mande biwo a",
    },
    "doc_birth_certificate": {
        "en": "Birth certificate",
        "es": "Acta de nacimiento",
        "fr": "Acte de naissance",
        "ht": "Batistè",
    },
    "doc_national_id": {
        "en": "National ID",
        "es": "Cedula",
        "fr": "Carte d'identite",
        "ht": "Kat idantite",
    },
    "doc_passport": {"en": "Passport", "es": "Pasaporte", "fr": "Passeport", "ht": "Paspò"},
    "doc_police_record": {
        "en": "Police record",
        "es": "Record policial",
        "fr": "Casier judiciaire",
        "ht": "Dosye polis",
    },
    "doc_drivers_licence": {
        "en": "Driver's licence",
        "es": "Licencia de conducir",
        "fr": "Permis de conduire",
        "ht": "Lisans kondwi",
    },
    "doc_tax_number": {
        "en": "Tax number",
        "es": "Numero fiscal",
        "fr": "Numero fiscal",
        "ht": "Nimewo taks",
    },
    "recommender_letter": {
        "en": "form signed by a JP or pastor",
        "es": "carta de un notario o pastor",
        "fr": "lettre d'un notaire ou pasteur",
        "ht": "lèt yon notè oswa pastè",
    },
    "lost_report": {
        "en": "police report of the loss",
        "es": "denuncia de perdida",
        "fr": "declaration de perte",
        "ht": "deklarasyon pèt nan polis",
    },
    "application_form": {
        "en": "the application form",
        "es": "el formulario",
        "fr": "le formulaire",
        "ht": "fòmilè a",
    },
    "marriage_certificate": {
        "en": "marriage certificate",
        "es": "acta de matrimonio",
        "fr": "acte de mariage",
        "ht": "papye maryaj",
    },
    "tax_number": {
        "en": "tax number",
        "es": "numero fiscal",
        "fr": "numero fiscal",
        "ht": "nimewo taks",
    },
    "alert_handoff_message": {
        "en": "NEW MESSAGE",
        "es": "MENSAJE NUEVO",
        "fr": "NOUVEAU MESSAGE",
        "ht": "NOUVO MESAJ",
    },
}
