"""SMS segment counting: GSM-7 and UCS-2 boundaries, escapes and grapheme clusters never split,
and the count always the one of Twilio's calculator (npm sms-segments-calculator, tests/oracle)."""

import itertools
import json
import random
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from flows import segments
from flows.segments import GSM7, UCS2, SegmentCount, count_segments
from flows.texts import LABELS, LANGUAGES, TEXTS, crisis_text, render, text

EXTENSION_CHARS = "€[]{}^~\\|"
EMOJI = "😀"


def test_the_encoding_names_are_the_ones_operators_know() -> None:
    assert (GSM7, UCS2) == ("GSM-7", "UCS-2")


def test_an_empty_text_counts_one_segment_as_in_twilios_calculator() -> None:
    # The calculator always opens a first segment; an empty body is never sent anyway.
    assert count_segments("") == SegmentCount("GSM-7", 0, 1)


@pytest.mark.parametrize(
    ("length", "segments"),
    [(1, 1), (160, 1), (161, 2), (306, 2), (307, 3), (459, 3), (460, 4)],
    ids=lambda v: str(v),
)
def test_gsm7_text_has_160_septets_in_one_segment_then_153_per_segment(
    length: int, segments: int
) -> None:
    assert count_segments("a" * length) == SegmentCount("GSM-7", length, segments)


@pytest.mark.parametrize("char", "èéòÇ@£$¥\n", ids=repr)
def test_accented_letters_of_the_gsm7_basic_set_keep_a_text_in_gsm7(char: str) -> None:
    assert count_segments("Bonjou " + char) == SegmentCount("GSM-7", 8, 1)


@pytest.mark.parametrize("char", EXTENSION_CHARS, ids=repr)
def test_an_extension_char_costs_two_septets(char: str) -> None:
    assert count_segments(char) == SegmentCount("GSM-7", 2, 1)
    assert count_segments("a" * 158 + char) == SegmentCount("GSM-7", 160, 1)
    assert count_segments("a" * 159 + char) == SegmentCount("GSM-7", 161, 2)


@pytest.mark.parametrize("char", EXTENSION_CHARS, ids=repr)
def test_an_escape_pair_straddling_the_153_septet_boundary_moves_whole_to_the_next_segment(
    char: str,
) -> None:
    # 152 + 2 + 152 = 306 septets, which would be 2 segments if the pair could be split:
    # the pair starts septet 153, so it moves to segment 2, which then overflows into a 3rd.
    assert count_segments("a" * 152 + char + "a" * 152) == SegmentCount("GSM-7", 306, 3)


@pytest.mark.parametrize("char", EXTENSION_CHARS, ids=repr)
def test_an_escape_pair_that_starts_a_segment_is_not_moved(char: str) -> None:
    assert count_segments("a" * 153 + char + "a" * 151) == SegmentCount("GSM-7", 306, 2)


@pytest.mark.parametrize("char", "áê", ids=repr)
@pytest.mark.parametrize(
    ("length", "segments"),
    [(1, 1), (70, 1), (71, 2), (134, 2), (135, 3), (201, 3), (202, 4)],
    ids=lambda v: str(v),
)
def test_ucs2_text_has_70_units_in_one_segment_then_67_per_segment(
    length: int, segments: int, char: str
) -> None:
    assert count_segments(char * length) == SegmentCount("UCS-2", length, segments)


@pytest.mark.parametrize(
    ("text", "segments"),
    [("a" * 69 + "ê", 1), ("a" * 70 + "ê", 2), ("ê" + "a" * 133, 2), ("ê" + "a" * 134, 3)],
    ids=["70-units", "71-units", "134-units", "135-units"],
)
def test_one_char_outside_gsm7_makes_the_whole_text_ucs2(text: str, segments: int) -> None:
    assert count_segments(text) == SegmentCount("UCS-2", len(text), segments)


def test_an_emoji_counts_two_utf16_units() -> None:
    assert count_segments(EMOJI) == SegmentCount("UCS-2", 2, 1)
    assert count_segments(EMOJI * 35) == SegmentCount("UCS-2", 70, 1)
    assert count_segments(EMOJI * 35 + "a") == SegmentCount("UCS-2", 71, 2)


def test_a_surrogate_pair_straddling_the_67_unit_boundary_moves_whole_to_the_next_segment() -> None:
    # 66 + 2 + 66 = 134 units, 2 segments if the pair could be split, 3 since it cannot.
    assert count_segments("á" * 66 + EMOJI + "á" * 66) == SegmentCount("UCS-2", 134, 3)


def test_a_surrogate_pair_that_ends_a_segment_exactly_is_not_moved() -> None:
    assert count_segments("á" * 65 + EMOJI + "á" * 67) == SegmentCount("UCS-2", 134, 2)


def test_emoji_only_text_packs_33_emoji_per_segment_beyond_the_single_limit() -> None:
    # 36 emoji = 72 units: 33 fit in 66 units, a 34th would need 68 > 67.
    assert count_segments(EMOJI * 36) == SegmentCount("UCS-2", 72, 2)
    assert count_segments(EMOJI * 67) == SegmentCount("UCS-2", 134, 3)


# --- Grapheme clusters and the characters outside GSM-7 (the review's findings) ---------------

ACCENTED = "e\u0301"  # e + COMBINING ACUTE ACCENT: one grapheme, two UTF-16 units
HEART = "\u2764\ufe0f"  # ❤️: HEAVY BLACK HEART + VARIATION SELECTOR-16
FAMILY = "👨\u200d👩\u200d👧"  # a ZWJ family: 8 units, one grapheme
THUMB = "👍🏽"  # an emoji and its skin tone: 4 units, one grapheme
FLAG = "🇯🇲"  # two regional indicators: 4 units, one grapheme


@pytest.mark.parametrize("cluster", [ACCENTED, HEART], ids=["combining-accent", "heart-vs16"])
def test_a_two_unit_grapheme_straddling_the_67_unit_boundary_moves_whole(cluster: str) -> None:
    # 66 + 2 + 66 = 134 units: the cluster would start at unit 67, so it opens segment 2.
    assert count_segments("á" * 66 + cluster + "á" * 66) == SegmentCount("UCS-2", 134, 3)
    assert count_segments("á" * 65 + cluster + "á" * 67) == SegmentCount("UCS-2", 134, 2)


@pytest.mark.parametrize(
    ("cluster", "units"), [(FAMILY, 8), (THUMB, 4), (FLAG, 4)], ids=["family", "skin", "flag"]
)
def test_an_emoji_sequence_is_never_split_across_segments(cluster: str, units: int) -> None:
    before = 67 - units + 1  # the cluster would end one unit past the first segment
    after = 134 - before - units
    body = "a" * before + cluster + "a" * after
    assert count_segments(body) == SegmentCount("UCS-2", 134, 3)
    body = "a" * (before - 1) + cluster + "a" * (after + 1)
    assert count_segments(body) == SegmentCount("UCS-2", 134, 2)


@pytest.mark.parametrize("char", ["\x1b", "\t", "\u00a0", "`"], ids=["ESC", "tab", "NBSP", "`"])
def test_esc_tab_nbsp_and_backtick_are_outside_gsm7(char: str) -> None:
    assert count_segments("Bonjou" + char) == SegmentCount("UCS-2", 7, 1)


def test_a_form_feed_is_an_extension_char_of_two_septets() -> None:
    assert count_segments("a\f") == SegmentCount("GSM-7", 3, 1)


def test_crlf_is_two_gsm7_septets_that_may_fall_in_two_segments() -> None:
    assert count_segments("a" * 152 + "\r\n" + "a" * 152) == SegmentCount("GSM-7", 306, 2)


def test_a_grapheme_bigger_than_a_segment_takes_a_segment_of_its_own() -> None:
    # 80 combining accents on one letter: 81 units in one cluster, more than 67 (or 70) hold.
    # The calculator leaves the first segment empty and overfills the second with it.
    huge = "a" + "\u0301" * 80
    assert count_segments(huge) == SegmentCount("UCS-2", 81, 2)
    assert count_segments(huge + "b") == SegmentCount("UCS-2", 82, 3)


# --- The oracle: Twilio's calculator run by node (tests/oracle, installed by `make oracle`) -----

ORACLE = Path(__file__).resolve().parents[1] / "oracle"
PACKAGE = ORACLE / "node_modules" / "sms-segments-calculator"
CALCULATOR_VERSION = "1.3.0"
BREAK_NAMES = [
    "CR", "LF", "Control", "Extend", "Regional_Indicator", "SpacingMark", "L", "V", "T", "LV",
    "LVT", "Other", "Prepend", "E_Base", "E_Modifier", "ZWJ", "Glue_After_Zwj", "E_Base_GAZ",
]  # fmt: skip


class OracleMissing(Exception):
    """node, or the npm package, is not there: the oracle tests fail (they never skip)."""


def run_node(script: str, stdin: str) -> list[str]:
    """The stdout lines of `node tests/oracle/<script>` fed `stdin`."""
    node = shutil.which("node")
    if node is None:
        raise OracleMissing("node is not installed: the segment oracle needs node and npm")
    if not (PACKAGE / "package.json").is_file():
        raise OracleMissing(
            "tests/oracle/node_modules/sms-segments-calculator is missing: run `make oracle` "
            "(npm install --prefix tests/oracle --no-audit --no-fund)"
        )
    done = subprocess.run(
        [node, str(ORACLE / script)], input=stdin, capture_output=True, text=True,
        encoding="utf-8", timeout=300, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise OracleMissing(
            f"node tests/oracle/{script} failed ({done.returncode}):\n{done.stderr}"
        )
    return done.stdout.splitlines()


@dataclass(frozen=True)
class Answer:
    """What the calculator says of one text."""

    count: SegmentCount
    graphemes: list[list[int]]  # UTF-16 code units of each grapheme


@dataclass(frozen=True)
class Oracle:
    """The calculator's answers for every text of this module, or why there are none."""

    answers: dict[str, Answer]
    problem: str | None = None

    def check(self) -> None:
        """Fail the test (never skip it) when the calculator could not be asked."""
        if self.problem is not None:
            pytest.fail(self.problem, pytrace=False)

    def __getitem__(self, text: str) -> Answer:
        self.check()
        return self.answers[text]


def describe(text: str) -> str:
    shown = text if len(text) <= 60 else f"{text[:28]}…{text[-28:]}"
    return f"{shown!r} (len {len(text)})"


def assert_agrees(oracle: Oracle, texts: list[str]) -> None:
    """Python's count is the calculator's for every text; every mismatch reported at once."""
    wrong = [
        f"{describe(t)}: python {count_segments(t)}, calculator {oracle[t].count}"
        for t in texts
        if count_segments(t) != oracle[t].count
    ]
    assert not wrong, f"{len(wrong)} of {len(texts)} texts counted differently:\n" + "\n".join(
        wrong[:40]
    )


def utf16(text: str) -> list[int]:
    return segments._utf16(text)


# (a) Tricky texts: clusters, escapes and odd characters right at the 160/153 and 70/67 limits.
CLUSTERS = [
    ACCENTED, "a\u0300", "o\u0302", "c\u0327", "n\u0303", "e\u0301\u0301", HEART, "\u263a\ufe0f",
    FAMILY, "👩\u200d❤️\u200d👨", "👨\u200d👩\u200d👧\u200d👦", THUMB, "👋🏿", "🧑🏽\u200d💻",
    FLAG, "🇭🇹", "🇩🇴🇯🇲", "🏳️\u200d🌈", "1\ufe0f\u20e3", "😀", "\r\n",
]  # fmt: skip
SINGLES = [
    "\x1b", "\u00a0", "\t", "\r", "\n", "\f", "`", "^", "{", "}", "\\", "[", "~", "]", "|", "€",
    "é", "è", "ò", "à", "ñ", "Ç", "ç", "ê", "î", "ô", "û", "á", "í", "ó", "ú", "ù", "ì", "Ø",
    "¤", "§", "¿", "¡", "Δ", "Ω", "ß", "\u200b", "\u200d", "\ufeff", "\u0301", "\ud83d", "\ude00",
]  # fmt: skip
SENTENCES = [
    "Mwen bezwen èd pou jwenn travay. Èske w ka rele m? Mèsi anpil, m ap tann ou.",
    "Je suis à Port-au-Prince, près de l'église. Où est le bureau? Ça ouvre à quelle heure?",
    "Hola, ¿dónde está la oficina? Necesito ayuda con mi pasaporte y la cédula, señor.",
    "Fête, forêt, île, hôpital, sûr: français avec ê, î, ô, û; cañón, niño, corazón.",
    "Mwen grangou 😢 mwen pa gen kòb ❤️ tanpri ede m 🙏🏾",
    "i want to kill myself\x1b[0m",
    "Line one\r\nLine two\nLine three\rLine four\ttabbed\u00a0nbsp",
    "Kingston Job Centre, 12 King St {room} [2] ~ 5 | 7 ^ 3 € 10 \\ path",
]  # fmt: skip


# The alphabets of the random texts; here, the GSM-7 ones also shape the tricky texts.
ALPHABET_GSM = (
    "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789 .,!?'\"-:;()@£$¥èéùìòÇØøÅåΔ_ÆæßÉ¡¿ÄÖÑÜ§äöñüà\n\r"
)
ALPHABET_EXT = "^{}\\[~]|€\f"


def size(piece: str, filler: str) -> int:
    """Units of `piece` among `filler`: septets among GSM-7 text, else UTF-16 code units."""
    if filler == "a":
        return sum(2 if ch in ALPHABET_EXT else 1 for ch in piece)
    return len(utf16(piece))


def at_the_limits(piece: str, spread: int) -> Iterator[str]:
    """`piece` ending just before, on or just after the last unit of a segment, in texts that
    fill one segment, or two multipart segments exactly (where a split would save a segment)."""
    gsm7 = all(ch in ALPHABET_GSM + ALPHABET_EXT + "\x1b" for ch in piece)  # ESC: GSM to gsm0338
    for filler, single, multi in (("a", 160, 153), ("á", 70, 67))[0 if gsm7 else 1 :]:
        units = size(piece, filler)
        for shift in range(-spread, 2):
            for end in (single, multi):
                before = filler * max(0, end + shift - units)
                yield before + piece
                for extra in (-1, 0, 1):
                    yield before + piece + filler * max(0, 2 * multi - len(before) - units + extra)
            before = filler * max(0, 2 * multi + shift - units)  # the 2nd to 3rd boundary
            yield before + piece + filler * (multi // 2)


def tricky_texts() -> list[str]:
    texts = ["", "a", "a" * 160, "a" * 161, "á" * 70, "á" * 71, *SINGLES, *CLUSTERS, *SENTENCES]
    for piece in [*CLUSTERS, "{}", "\x1b\x1b", "é\u0301", "🏽", "\u200d👩", "\u0301" * 3]:
        texts += at_the_limits(piece, spread=len(utf16(piece)) + 1)
    for piece in SINGLES:
        texts += at_the_limits(piece, spread=1)
    for sentence in SENTENCES:
        texts += [sentence * (1 + 1600 // len(sentence)), (sentence * 40)[:1600]]
    texts += ["a" * 1600, "é" * 1600, "€" * 800, "😀" * 800, ACCENTED * 800, FLAG * 400]
    # clusters bigger than a segment: the calculator overfills a segment with each
    texts += ["a" + "\u0301" * 80, "a" + "\u0301" * 80 + "b", "b" * 60 + "a" + "\u0301" * 200]
    texts += ["\u0301" * 300, "👩" + "\u200d👩" * 30 + "!", "🇯" * 41]
    return texts


# (b) Random texts, lengths 0..500, seeded: mostly GSM-7 letters, some extension characters,
# and from none to only characters outside GSM-7.
ALPHABET_OTHER = [
    "á", "í", "ó", "ú", "ê", "î", "ô", "û", "ç", "\x1b", "\t", "\u00a0", "`", "\u0301", "\u0300",
    "\u0327", "\ufe0f", "\u200d", "😀", "👍", "🏽", "🏿", "👩", "👨", "👧", "❤", "🇯", "🇲", "🇭",
    "🇹", "中", "한", "\u1100", "\u1161", "\u11a8", "क", "\u093f", "\u0903", "\u0600", "\u200b",
    "\U000e0020",
]  # fmt: skip


def random_texts(count: int = 400) -> list[str]:
    rng = random.Random(42)
    texts = []
    for _ in range(count):
        length = rng.randint(0, 500)
        other_share = rng.choice([0.0, 0.0, 0.002, 0.01, 0.05, 0.3, 1.0])
        ext_share = rng.choice([0.0, 0.02, 0.2])
        chars = []
        for _ in range(length):
            roll = rng.random()
            if roll < other_share:
                chars.append(rng.choice(ALPHABET_OTHER))
            elif roll < other_share + ext_share:
                chars.append(rng.choice(ALPHABET_EXT))
            else:
                chars.append(rng.choice(ALPHABET_GSM))
        texts.append("".join(chars))
    return texts


# (c) Every reply the project sends, in every language, with plausible values.
VALUE_SETS: list[dict[str, str]] = [
    {"address": "Kingston Job Centre, 12 King St", "when": "today before 16:30", "time": "16:30",
     "bring": "ID card, birth certificate", "call": "119 (police) or 110 (ambulance)",
     "caseworker": "Marcia Brown", "code": "K7Q2", "cost": "JMD 2,500", "country": "Jamaica",
     "date": "14", "day": "Mon", "document": "Passport", "hours": "Mon-Fri 08:30-16:30",
     "kind": "crisis", "month": "Mar", "office": "Kingston Hub", "options": "1 Jamaica 2 Haiti",
     "partner": "HEART/NSTA Trust", "phone": "+1 876 555 0100", "service": "Job placement",
     "snippet": "i want to kill myself", "what": "Job interview", "where": "12 King St",
     "who": "+18765550123"},
    {"address": "Rue Capois #45, Pòtoprens", "when": "jodi a anvan 16:30", "time": "08:30",
     "bring": "paspò, batistè", "call": "114 (polis)", "caseworker": "Jean-Pierre Étienne",
     "code": "ZX9P", "cost": "gratis", "country": "Ayiti", "date": "3", "day": "Lendi",
     "document": "Batistè", "hours": "Lendi-Vandredi 08:00-16:00", "kind": "crisis",
     "month": "janvye", "office": "Biwo Pòtoprens", "options": "1 Ayiti 2 Dominikani",
     "partner": "Klinik Sen Jozèf", "phone": "+509 2222 3333", "service": "Sante",
     "snippet": "mwen bezwen èd 😢 ❤️ tanpri", "what": "Randevou", "where": "Clínica San José",
     "who": "+50937001234"},
    {"address": "Av. Duarte 12, Santo Domingo", "when": "mañana después de 10:00",
     "time": "10:00", "bring": "cédula, foto", "call": "911", "caseworker": "Ana Núñez",
     "code": "A1B2", "cost": "RD$ 500", "country": "República Dominicana", "date": "28",
     "day": "Mié", "document": "Cédula", "hours": "Lun-Vie 08:00-17:00", "kind": "request_human",
     "month": "dic", "office": "Oficina Santo Domingo", "options": "1 RD 2 Haití",
     "partner": "Iglesia San Martín", "phone": "809-555-0199", "service": "Vivienda",
     "snippet": "Je suis à l\u2019église\x1b, où êtes-vous? e\u0301 👨\u200d👩\u200d👧 🇭🇹",
     "what": "Entrevista", "where": "Calle 5 #12 {frente al parque} [piso 2] ~ €",
     "who": "+18095550123"},
]  # fmt: skip


def reply_texts() -> list[str]:
    texts = []
    for values in VALUE_SETS:
        for key in TEXTS:
            for language in LANGUAGES:
                filled = dict(values, menu=text("menu", language))
                texts.append(render(key, language, **filled))
    for language in LANGUAGES:
        texts.append(crisis_text(language, None))
        texts += [LABELS[key][language] for key in LABELS]
    return texts


# Class sequences: every sequence of up to 3 grapheme break properties (one character of each),
# and random longer ones, so every rule of the calculator's splitter meets the oracle.
REPRESENTATIVES = {
    "CR": ["\r"], "LF": ["\n"], "Control": ["\x1b", "\u200b", "\U000e0001"],
    "Extend": ["\u0301", "\ufe0f", "\U000e0020"], "Regional_Indicator": ["🇯", "🇲"],
    "SpacingMark": ["\u0903", "\U00011000"], "L": ["\u1100"], "V": ["\u1161"], "T": ["\u11a8"],
    "LV": ["가"], "LVT": ["각"], "Other": ["a", "😀", "é"], "Prepend": ["\u0600", "\U000110bd"],
    "E_Base": ["\u261d", "👍"], "E_Modifier": ["🏽"], "ZWJ": ["\u200d"],
    "Glue_After_Zwj": ["\u2764", "💋"], "E_Base_GAZ": ["👩"],
}  # fmt: skip


def class_sequences() -> list[str]:
    firsts = [REPRESENTATIVES[name][0] for name in BREAK_NAMES]
    texts = ["".join(seq) for n in (1, 2, 3) for seq in itertools.product(firsts, repeat=n)]
    rng = random.Random(42)
    everything = [c for name in BREAK_NAMES for c in REPRESENTATIVES[name]] + ["\ud83d", "\ude00"]
    texts += ["".join(rng.choices(everything, k=rng.randint(4, 16))) for _ in range(3000)]
    return texts


TRICKY, RANDOM, REPLIES, SEQUENCES = (
    tricky_texts(),
    random_texts(),
    reply_texts(),
    class_sequences(),
)


@pytest.fixture(scope="module")
def oracle() -> Oracle:
    """The calculator's answers for every text above: node runs once for the whole module."""
    texts = list(dict.fromkeys([*TRICKY, *RANDOM, *REPLIES, *SEQUENCES]))
    try:
        lines = run_node("segments.js", "".join(json.dumps(t) + "\n" for t in texts))
    except OracleMissing as missing:
        return Oracle({}, str(missing))
    if len(lines) != len(texts):
        return Oracle({}, f"tests/oracle/segments.js answered {len(lines)} of {len(texts)} texts")
    answers = {}
    for t, line in zip(texts, lines, strict=True):
        said = json.loads(line)
        count = SegmentCount(said["encoding"], said["units"], said["segments"])
        answers[t] = Answer(count, [utf16(g) for g in said["graphemes"]])
    return Oracle(answers)


def test_the_oracle_is_the_pinned_calculator(oracle: Oracle) -> None:
    oracle.check()
    package = json.loads((ORACLE / "package.json").read_text())
    installed = json.loads((PACKAGE / "package.json").read_text())
    assert package["dependencies"] == {"sms-segments-calculator": CALCULATOR_VERSION}
    assert installed["version"] == CALCULATOR_VERSION


def test_tricky_texts_are_counted_as_the_calculator_counts_them(oracle: Oracle) -> None:
    assert_agrees(oracle, TRICKY)


def test_random_texts_are_counted_as_the_calculator_counts_them(oracle: Oracle) -> None:
    assert_agrees(oracle, RANDOM)


def test_every_reply_is_counted_as_the_calculator_counts_it(oracle: Oracle) -> None:
    assert len(REPLIES) >= len(TEXTS) * len(LANGUAGES) * len(VALUE_SETS)
    assert_agrees(oracle, REPLIES)


def test_every_sequence_of_break_classes_is_counted_as_the_calculator_counts_it(
    oracle: Oracle,
) -> None:
    assert_agrees(oracle, SEQUENCES)


def test_texts_are_cut_into_the_graphemes_the_calculator_cuts(oracle: Oracle) -> None:
    texts = list(dict.fromkeys([*TRICKY, *RANDOM, *SEQUENCES]))
    wrong = [
        f"{describe(t)}: python {segments._graphemes(utf16(t))}, calculator {oracle[t].graphemes}"
        for t in texts
        if segments._graphemes(utf16(t)) != oracle[t].graphemes
    ]
    assert not wrong, f"{len(wrong)} texts cut differently:\n" + "\n".join(wrong[:20])


@pytest.fixture(scope="module")
def tables() -> dict[str, object] | str:
    """The calculator's GSM table and its splitter's break table, from the installed package."""
    try:
        return dict(json.loads(run_node("tables.js", "")[0]))
    except OracleMissing as missing:
        return str(missing)


def table(tables: dict[str, object] | str, name: str) -> object:
    if isinstance(tables, str):
        pytest.fail(tables, pytrace=False)
    return tables[name]


def test_the_gsm7_table_is_the_calculators(tables: dict[str, object] | str) -> None:
    gsm = table(tables, "gsm")
    assert isinstance(gsm, dict)
    assert {int(code): septets for code, septets in gsm.items()} == segments._GSM_SEPTETS


def test_every_code_point_has_the_break_property_of_the_calculators_splitter(
    tables: dict[str, object] | str,
) -> None:
    ranges = table(tables, "graphemes")
    assert isinstance(ranges, list)
    wrong = [
        f"{code:04X}: python {BREAK_NAMES[segments._break_property(code)]}, splitter {name}"
        for first, last, name in ranges
        for code in range(first, last + 1)
        if BREAK_NAMES[segments._break_property(code)] != name
    ]
    assert not wrong, f"{len(wrong)} code points differ:\n" + "\n".join(wrong[:20])


# --- The splitter's shouldBreak, ported literally, against the incremental one -----------------

CR, LF, CONTROL, EXTEND, RI, SPACINGMARK, L, V, T, LV, LVT, OTHER, PREPEND = range(13)
E_BASE, E_MODIFIER, ZWJ, GLUE_AFTER_ZWJ, E_BASE_GAZ = range(13, 18)


def last_index(items: list[int], item: int) -> int:
    return max((i for i, x in enumerate(items) if x == item), default=-1)


def reference_should_break(start: int, mid: list[int], end: int) -> bool:
    """grapheme-splitter 1.0.4's shouldBreak, line by line (its break codes as a boolean)."""
    every = [start, *mid, end]
    previous, following = every[-2], end
    modifier = last_index(every, E_MODIFIER)
    if (
        modifier > 1
        and all(c == EXTEND for c in every[1:modifier])
        and start not in (EXTEND, E_BASE, E_BASE_GAZ)
    ):
        return True
    ri = last_index(every, RI)
    if ri > 0 and all(c == RI for c in every[1:ri]) and previous not in (PREPEND, RI):
        return True
    if previous == CR and following == LF:
        return False
    if previous in (CONTROL, CR, LF) or following in (CONTROL, CR, LF):
        return True
    if previous == L and following in (L, V, LV, LVT):
        return False
    if previous in (LV, V) and following in (V, T):
        return False
    if previous in (LVT, T) and following == T:
        return False
    if following in (EXTEND, ZWJ) or following == SPACINGMARK or previous == PREPEND:
        return False
    base = last_index(every, EXTEND) - 1 if EXTEND in every else len(every) - 2
    at_base = every[base] if base >= 0 else None  # JavaScript's all[-1] is undefined
    if (
        at_base in (E_BASE, E_BASE_GAZ)
        and all(c == EXTEND for c in every[base + 1 : -1])
        and following == E_MODIFIER
    ):
        return False
    if previous == ZWJ and following in (GLUE_AFTER_ZWJ, E_BASE_GAZ):
        return False
    if RI in mid:
        return True
    return not (previous == RI and following == RI)


def incremental_should_break(start: int, mid: list[int], end: int) -> bool:
    cluster = segments._Cluster(start)
    for prop in mid:
        cluster.push(prop)
    return cluster.breaks_before(end)


def sequences_of_classes() -> Iterator[tuple[int, list[int], int]]:
    classes = range(len(BREAK_NAMES))
    for n in (0, 1, 2):
        for start, *mid, end in itertools.product(classes, repeat=n + 2):
            yield start, mid, end
    rng = random.Random(42)
    weighted = [*classes, EXTEND, EXTEND, RI, RI, RI, E_MODIFIER, E_BASE, ZWJ]
    for _ in range(20_000):
        start, *mid, end = rng.choices(weighted, k=rng.randint(3, 10))
        yield start, mid, end


def test_the_incremental_break_rules_are_the_splitters_rules() -> None:
    wrong = [
        (BREAK_NAMES[s], [BREAK_NAMES[m] for m in mid], BREAK_NAMES[e])
        for s, mid, e in sequences_of_classes()
        if incremental_should_break(s, mid, e) != reference_should_break(s, mid, e)
    ]
    assert not wrong, f"{len(wrong)} differ, e.g. {wrong[:10]}"
