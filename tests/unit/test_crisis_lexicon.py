"""The crisis lexicon catches every crisis training example and stays quiet on everyday talk."""

from pathlib import Path

import pytest

from nlu.examples import load_examples
from nlu.lexicon import PATTERNS, CrisisMatch, harmless_reading, match_crisis, normalise

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "nlu/rasa/data"
CRISIS_FILE = DATA / "nlu_crisis.yml"
MAX_FALSE_ALARM_RATE = 0.02

CRISIS_EXAMPLES = [text for intent, text in load_examples(CRISIS_FILE) if intent == "crisis"]

# Everyday messages that use "kill", "dead", "die", "shoot", "beat", "fight" and friends
# harmlessly, plus service requests near the crisis topics. None may raise an alarm.
NOT_CRISIS = [
    # English and Caribbean creoles.
    "this heat killing me",
    "mi phone dead",
    "dying to see my kids",
    "trying to beat the traffic to reach the office",
    "the shoot for the music video is tomorrow",
    "i am dead tired after work",
    "mi ded wid laugh",
    "just killing time till my appointment",
    "i need counselling",
    "help me stop drinking",
    "my grant money dead?",
    "my phone battery dying, call me later",
    "this heat going to kill me lol",
    "hit me up when the grant ready",
    "can you shoot me a text with the address",
    "i need a cutlass and a wheelbarrow for my farm",
    "i dont want to live in that area no more, i need a new place",
    "no place to live since i come back",
    "i have nowhere to live",
    "the traffic today was a killer",
    "i nearly died laughing at that",
    "i need somebody to talk to",
    "things hard but mi a manage",
    "i am tired of waiting for the grant",
    "my back killing me i need a doctor",
    "i need a police record for the job",
    "i cut my hair for the interview",
    "we beat the other team in football",
    "i want to dye my hair before the interview",
    "how do i fix a nail gun, i want to learn carpentry",
    "i need a hot glue gun for my nail business",
    "these kids killing me today lol",
    "she killed it at the interview",
    "how do i follow up on my application",
    "follow me on ig",
    "lets end it here thanks",
    "drug abuse rehab program please",
    "substance abuse counselling for my son",
    "my son is missing school because he sick",
    "i take my pills every morning",
    "ran out of pills need a refill",
    "me and my brother had a fight",
    "i will fight for my rights",
    "mi stress out bad",
    "shot of rum fi di celebration",
    "i got my covid shot yesterday",
    "my kids missing me back home",
    "IM DEAD LOL",
    "the prices these days killing we",
    # Spanish.
    "me muero de risa",
    "morir de risa jaja",
    "me muero de hambre",
    "el calor me mata",
    "me muero por ver a mis hijos",
    "se me murio el celular",
    "estoy muerto de cansancio",
    "no estoy seguro de la cita",
    "quiero terminar con todo el papeleo hoy",
    "necesito consejeria",
    "me corte el pelo para la entrevista",
    "quiero dejar de beber",
    "cuando me dan el apoyo para el negocio",
    "persiguiendo mis suenos con mi negocio",
    "me sigue llegando el mensaje",
    "me apunto al curso de soldadura",
    "estoy cansado del trabajo",
    "voy a morir de hambre si no me pagan",
    # French.
    "je meurs de faim",
    "mort de rire",
    "ça me tue cette chaleur",
    "mon tel est mort",
    "je suis mort de fatigue",
    "je vais mourir de faim si le bus tarde",
    "j'ai besoin d'un psychologue",
    "je me coupe les cheveux demain",
    "mon dos me fait mal",
    "je veux en finir avec ce dossier",
    "suivi de mon dossier svp",
    "j'ai hâte de voir mes enfants",
    "il fait une chaleur à mourir",
    "je vais me battre pour mes droits",
    # Haitian Creole.
    "m ap mouri grangou",
    "chalè a ap touye m",
    "telefon mwen mouri",
    "batri m mouri",
    "m bouke anpil jodi a",
    "m mouri ri",
    "m bezwen yon sikolog",
    "kote biwo a ye",
    "m vle aprann mekanik",
    "kijan pou m swiv dosye m",
    "m pa vle viv la anko, m bezwen yon lot kay",
    "grangou ap touye m",
    "kè m ap bat fò",
    "m bezwen kouto ak manchet pou jaden an",
    "m vle tire foto pou paspo a",
    # Mixed.
    "mi dead tired, m bouke",
    "lol me muero de risa, you killing me",
    # Rope and a chosen day that are not a plan.
    "ya tengo la cuerda para tender la ropa, el dia elegido es el lunes",
    "the gun range place picked for training",
    "mi have the rope fi skip and mi pick the day",
]

# One message per language with the language of the pattern expected to fire.
LANGUAGE_SAMPLES = {
    "mi wah dead": "en",
    "me quiero morir": "es",
    "je veux mourir": "fr",
    "m vle touye tet mwen": "ht",
    "estoy pensando en suicidarme": "any",
}


def non_crisis_training_examples() -> list[tuple[str, str, str]]:
    """(file, intent, text) for every example of every other intent in nlu/rasa/data."""
    return [
        (path.name, intent, text)
        for path in sorted(DATA.glob("*.yml"))
        for intent, text in load_examples(path)
        if intent != "crisis"
    ]


def test_the_crisis_file_has_at_least_150_distinct_examples_and_only_the_crisis_intent() -> None:
    intents = {intent for intent, _ in load_examples(CRISIS_FILE)}
    assert intents == {"crisis"}
    assert len(CRISIS_EXAMPLES) >= 150
    assert len({text.lower() for text in CRISIS_EXAMPLES}) == len(CRISIS_EXAMPLES)


@pytest.mark.parametrize("text", CRISIS_EXAMPLES)
def test_the_lexicon_alone_catches_every_crisis_training_example(text: str) -> None:
    assert match_crisis(text) is not None, normalise(text)


@pytest.mark.parametrize("text", NOT_CRISIS)
def test_everyday_idioms_and_service_requests_raise_no_alarm(text: str) -> None:
    assert match_crisis(text) is None


def test_the_everyday_list_covers_at_least_60_messages_and_does_not_overlap_the_crisis_data() -> (
    None
):
    assert len(NOT_CRISIS) >= 60
    assert {t.lower() for t in NOT_CRISIS}.isdisjoint(t.lower() for t in CRISIS_EXAMPLES)


def test_at_most_two_percent_of_the_other_intents_training_examples_raise_an_alarm() -> None:
    examples = non_crisis_training_examples()
    flagged = [(name, intent, text) for name, intent, text in examples if match_crisis(text)]
    for name, intent, text in flagged:
        print(f"flagged {name} {intent}: {text!r} <- {match_crisis(text)}")
    rate = len(flagged) / len(examples) if examples else 0.0
    print(f"false alarms: {len(flagged)} of {len(examples)} ({rate:.2%})")
    assert rate <= MAX_FALSE_ALARM_RATE


@pytest.mark.parametrize(("text", "language"), LANGUAGE_SAMPLES.items())
def test_a_match_names_the_pattern_and_the_language_it_belongs_to(text: str, language: str) -> None:
    match = match_crisis(text)
    assert isinstance(match, CrisisMatch)
    assert match.language == language
    assert match.pattern in {pattern for _, pattern in PATTERNS}


def test_every_pattern_belongs_to_a_known_language() -> None:
    assert {language for language, _ in PATTERNS} == {"en", "es", "fr", "ht", "any"}


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Je VEUX mourir!!!", "je veux mourir"),
        ("m'ap kite  tèt mwen", "m ap kite tet mwen"),
        ("pleeeease   helpppp", "pleease helpp"),
        ("¿Qué pasó?", "que paso"),
        ("  tired...of\tlife\n", "tired of life"),
        ("Ça—va", "ca va"),
        ("", ""),
    ],
)
def test_normalise_lowercases_folds_accents_squeezes_letters_and_spaces_punctuation(
    raw: str, clean: str
) -> None:
    assert normalise(raw) == clean


@pytest.mark.parametrize(
    "text",
    [
        "I WANT TO KILL MYSELF",
        "i want to kiiiill myself",
        "i wanna dieeeee",
        "mi wah deaaad",
        "Je veux mourir…",
        "M VLE MOURI!!",
    ],
)
def test_capitals_stretched_letters_and_punctuation_do_not_hide_a_crisis(text: str) -> None:
    assert match_crisis(text) is not None


def test_an_empty_or_blank_message_is_no_crisis() -> None:
    assert match_crisis("") is None
    assert match_crisis("   ?! ") is None


# A danger word said only to deny it, or a retraction after a crisis reply: never a crisis.
DENIED = [
    "mi nuh inna no danger, mi jus a ask bout di grant",
    "I am not in danger, I was only asking",
    "my life is not in danger lol",
    "wunna doan worry, I en in no danger",
    "i am not suicidal i just need a job",
    "ah na suicidal or nuttin, ah need a docta",
    "nobody is threatening me, it was my nephew on my phone",
    "im not going to kill myself, i just need work",
    "mi nuh wah dead or nutten, mi jus need a doctor",
    "m pa an danje non, se jis yon kesyon",
    "mwen pa nan okenn danje",
    "pesonn pa menase m",
    "m pa pral touye tet mwen, m jis bezwen travay",
    "no estoy en peligro, solo preguntaba",
    "no es q toy en peligro, quiero hablar con un psicologo",
    "nadie me quiere matar, lo mande sin querer",
    "je ne suis pas en danger",
    "pas de danger ici, message envoye par erreur",
    "personne ne me menace",
]

# A hedge or a denial next to an explicit plan, means, or real harm: still a crisis.
STILL_CRISIS = [
    "i cant promise i wont kill myself",
    "im not going to kill myself, i have the pills ready",
    "not in danger but he beat me last night",
    "maybe i wont do it but i have the pills right here",
    "mi have di blade inna mi hand right now, mi jus a seh",
    "tengo las pastillas listas",
    "a lo mejor no lo hago pero tengo las pastillas aqui en la mano",
    "j ai prepare la corde",
    "m pa konn si m ap fe l men m gen kouto a pare",
    "this is my last message, tell my kids i love them",
    # The means and the place or day chosen: a plan, whatever the joke around it.
    "ya tengo las pastillas y escogi el dia",
    "lol but i got the rope and the spot is picked",
]

# Everyday idioms of dying and killing (hunger, tiredness, heat, laughter, business, a dead
# phone, a killer price) and tools that sound like weapons.
IDIOMS = [
    "dying of hunger, is there food",
    "mi hungry so till mi feel like mi a go dead, mi need a work bad",
    "me tired like dead but me deh good",
    "tired as hell, feel half dead lol but overall good",
    "the jokes are killing me",
    "my cookshop killing it, how i get business training",
    "that price is a killer",
    "battery dead, call me later",
    "shoot me the office phone number pls",
    "dis heat ga kill me bey",
    "bey my feet killin me from walkin round",
    "how i get a gun licence",
    "kijan pou m jwenn yon lisans zam",
    "como se saca la licencia de porte de arma",
    "toy muerto del hambre desde ayer",
    "la faim va me tuer, y a pas un petit boulot pour moi",
    "je suis KO, mort de sommeil, mais je vais bien",
    "blag yo ap touye m",
    "soley la ap touye m nan lari a",
    "mi broke an di worries a lick mi head",
]


@pytest.mark.parametrize("text", DENIED + IDIOMS)
def test_a_denied_danger_or_an_idiom_of_dying_is_no_crisis(text: str) -> None:
    assert match_crisis(text) is None


@pytest.mark.parametrize("text", STILL_CRISIS)
def test_an_explicit_plan_or_means_is_a_crisis_whatever_the_hedge(text: str) -> None:
    assert match_crisis(text) is not None


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("mi nuh inna no danger, mi jus a ask bout di grant", "mi mi jus a ask bout di grant"),
        ("shoot me the office phone number pls", "the office phone number pls"),
        ("je suis KO, mort de sommeil, mais je vais bien", "je suis ko mais je vais bien"),
        ("I need a job", None),
        ("i want to die", None),
    ],
)
def test_the_model_is_shown_the_message_without_its_idioms_and_denials(
    text: str, reading: str | None
) -> None:
    assert harmless_reading(text) == reading
