"""Scheduler texts in the four languages: reminders, their answers, the check-in nudge.

Spanish and French skip the accents GSM-7 lacks; Kreyol's è and ò are GSM-7.
"""

SCHEDULE_TEXTS: dict[str, dict[str, str]] = {
    "reminder": {
        "en": "Reminder: {what}, {when}, at {where}. Reply 1 I will come, 2 I need to change it.",
        "es": "Recordatorio: {what}, {when}, en {where}. Responda 1 Voy a ir, 2 Necesito "
        "cambiarlo.",
        "fr": "Rappel: {what}, {when}, a {where}. Repondez 1 Je viendrai, 2 Je dois changer.",
        "ht": "Rapèl: {what}, {when}, nan {where}. Reponn 1 M ap vini, 2 M bezwen chanje l.",
    },
    "reminder_coming": {
        "en": "Thank you, see you there. Reply MENU any time you need something.",
        "es": "Gracias, le esperamos. Responda MENU cuando necesite algo.",
        "fr": "Merci, a bientot. Repondez MENU si vous avez besoin de quelque chose.",
        "ht": "Mèsi, n ap tann ou. Reponn MENI nenpòt lè ou bezwen yon bagay.",
    },
    "reminder_change": {
        "en": "We told your caseworker, who will contact you {when} to find a new date.",
        "es": "Le avisamos a su trabajador social, que le contactara {when} para buscar otra "
        "fecha.",
        "fr": "Nous avons prevenu votre travailleur social, qui vous contactera {when} pour "
        "une autre date.",
        "ht": "Nou di asistan sosyal ou a, l ap kontakte w {when} pou jwenn yon lòt dat.",
    },
    "checkin_nudge": {
        "en": "We have not heard from you this month. How are you doing? Reply 1 Good, 2 Okay, "
        "3 Struggling.",
        "es": "No hemos sabido de usted este mes. Como esta? Responda 1 Bien, 2 Regular, 3 Con "
        "dificultades.",
        "fr": "Nous n'avons pas de nouvelles ce mois-ci. Comment allez-vous? Repondez 1 Bien, "
        "2 Moyen, 3 En difficulte.",
        "ht": "Nou pa tande w mwa sa a. Kijan ou ye? Reponn 1 Byen, 2 Pa pi mal, 3 Mwen gen "
        "difikilte.",
    },
    "reminder_when": {  # weekday, day of month, month, time: "Thu 10 Dec 14:00"
        "en": "{day} {date} {month} {time}",
        "es": "{day} {date} {month} {time}",
        "fr": "{day} {date} {month} {time}",
        "ht": "{day} {date} {month} {time}",
    },
}

# What each milestone type is called in a reminder; every type in reminders.yml needs one.
MILESTONE_LABELS: dict[str, dict[str, str]] = {
    "milestone_counselling": {
        "en": "your counselling session",
        "es": "su sesion de consejeria",
        "fr": "votre seance d'ecoute",
        "ht": "sesyon konsèy ou",
    },
    "milestone_vocational_training": {
        "en": "your vocational training",
        "es": "su formacion profesional",
        "fr": "votre formation professionnelle",
        "ht": "fòmasyon metye ou",
    },
    "milestone_business_training": {
        "en": "your business training",
        "es": "su formacion en negocios",
        "fr": "votre formation en gestion",
        "ht": "fòmasyon biznis ou",
    },
    "milestone_job_interview": {
        "en": "your job interview",
        "es": "su entrevista de trabajo",
        "fr": "votre entretien d'embauche",
        "ht": "entrevi travay ou",
    },
    "milestone_grant_application_due": {
        "en": "your grant application is due",
        "es": "fecha limite de su solicitud de subvencion",
        "fr": "date limite de votre demande de subvention",
        "ht": "dat limit demann sibvansyon ou",
    },
    "milestone_grant_disbursement": {
        "en": "your grant disbursement",
        "es": "la entrega de su subvencion",
        "fr": "le versement de votre subvention",
        "ht": "ou resevwa sibvansyon ou",
    },
    "milestone_business_visit": {
        "en": "the follow-up visit to your business",
        "es": "la visita de seguimiento a su negocio",
        "fr": "la visite de suivi de votre entreprise",
        "ht": "vizit swivi biznis ou",
    },
    "milestone_drug_rehab": {
        "en": "your rehabilitation appointment",
        "es": "su cita de rehabilitacion",
        "fr": "votre rendez-vous de desintoxication",
        "ht": "randevou reyabilitasyon ou",
    },
    "milestone_health": {
        "en": "your health appointment",
        "es": "su cita de salud",
        "fr": "votre rendez-vous de sante",
        "ht": "randevou sante ou",
    },
    "alert_reschedule": {
        "en": "asks to change a date",
        "es": "pide cambiar una fecha",
        "fr": "demande a changer une date",
        "ht": "mande chanje yon dat",
    },
}

MONTH_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "es": ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"),
    "fr": ("janv", "fevr", "mars", "avr", "mai", "juin", "juil", "aout", "sept", "oct", "nov",
           "dec"),
    "ht": ("jan", "fev", "mas", "avr", "me", "jen", "jiy", "out", "sep", "okt", "nov", "des"),
}  # fmt: skip
