"""SMS segment counting, exactly as Twilio's calculator counts (npm sms-segments-calculator 1.3.0).

The rules of that calculator, mirrored here for every input (tests/unit/test_segments.py runs
it on thousands of texts, and checks the two tables below against the installed package):

- The text is cut into grapheme clusters by the calculator's splitter (npm grapheme-splitter
  1.0.4, UAX #29 of Unicode 10.0.0 with its own quirks), then a CR LF cluster is cut in two.
- A cluster is GSM-7 when it is one UTF-16 code unit found in the calculator's GSM table
  (`_GSM_SEPTETS`: the GSM 03.38 basic set, 1 septet, and the extension table, 2 septets).
  ESC, tab, NBSP, a letter with a combining accent, an emoji: all outside GSM-7.
- One cluster outside GSM-7 makes the whole text UCS-2: every cluster then costs 16 bits per
  UTF-16 code unit (a GSM-7 character, an extension one too, costs 16 bits).
- A segment holds 1120 bits (140 octets): 160 septets or 70 units alone. Once a second segment
  is needed every segment carries a 6-octet header, 1072 bits: 153 septets or 67 units. A
  cluster is never split: one that does not fit starts the next segment (a cluster bigger than
  a segment, a long ZWJ sequence say, still takes a segment of its own, overfull, as it does in
  the calculator). An empty text is one segment, as in the calculator.
- `units` are septets in GSM-7 and UTF-16 code units in UCS-2.
"""

from bisect import bisect_right
from dataclasses import dataclass

GSM7 = "GSM-7"
UCS2 = "UCS-2"

_SEGMENT_BITS = 1120  # 140 octets
_HEADER_BITS = 48  # the 6-octet user data header of a concatenated message

# The calculator's GSM-7 table (its UnicodeToGSM): code unit -> septets. The escape (ESC,
# 0x1B) that starts an extension pair is not in it, so ESC alone makes a text UCS-2.
_GSM_BASIC = (
    "\n\r !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
    "¡£¤¥§¿ÄÅÆÇÉÑÖØÜßàäåæèéìñòöøùüΓΔΘΛΞΠΣΦΨΩ"
)
_GSM_EXTENSION = "\f[\\]^{|}~€"
_GSM_SEPTETS = {ord(ch): 1 for ch in _GSM_BASIC} | {ord(ch): 2 for ch in _GSM_EXTENSION}

# Grapheme_Cluster_Break properties, numbered as grapheme-splitter numbers them.
_CR, _LF, _CONTROL, _EXTEND, _REGIONAL_INDICATOR, _SPACINGMARK = 0, 1, 2, 3, 4, 5
_L, _V, _T, _LV, _LVT, _OTHER, _PREPEND = 6, 7, 8, 9, 10, 11, 12
_E_BASE, _E_MODIFIER, _ZWJ, _GLUE_AFTER_ZWJ, _E_BASE_GAZ = 13, 14, 15, 16, 17

# grapheme-splitter's table, code points in hex ("first-last" or one), as printed by
# `node tests/oracle/tables.js --python`. A code point not listed is Other, except the Hangul
# syllables AC00..D7A3: LV every 28th from AC00, LVT the others.
_BREAK_PROPERTIES = {
    _CR: ("D"),
    _LF: ("A"),
    _CONTROL: (
        "0-9 B-C E-1F 7F-9F AD 61C 180E 200B 200E-200F 2028-202E 2060-206F D800-DFFF FEFF "
        "FFF0-FFFB 1BCA0-1BCA3 1D173-1D17A E0000-E001F E0080-E00FF E01F0-E0FFF"
    ),
    _EXTEND: (
        "300-36F 483-489 591-5BD 5BF 5C1-5C2 5C4-5C5 5C7 610-61A 64B-65F 670 6D6-6DC 6DF-6E4 "
        "6E7-6E8 6EA-6ED 711 730-74A 7A6-7B0 7EB-7F3 816-819 81B-823 825-827 829-82D 859-85B "
        "8D4-8E1 8E3-902 93A 93C 941-948 94D 951-957 962-963 981 9BC 9BE 9C1-9C4 9CD 9D7 "
        "9E2-9E3 A01-A02 A3C A41-A42 A47-A48 A4B-A4D A51 A70-A71 A75 A81-A82 ABC AC1-AC5 "
        "AC7-AC8 ACD AE2-AE3 AFA-AFF B01 B3C B3E-B3F B41-B44 B4D B56-B57 B62-B63 B82 BBE BC0 "
        "BCD BD7 C00 C3E-C40 C46-C48 C4A-C4D C55-C56 C62-C63 C81 CBC CBF CC2 CC6 CCC-CCD "
        "CD5-CD6 CE2-CE3 D00-D01 D3B-D3C D3E D41-D44 D4D D57 D62-D63 DCA DCF DD2-DD4 DD6 DDF "
        "E31 E34-E3A E47-E4E EB1 EB4-EB9 EBB-EBC EC8-ECD F18-F19 F35 F37 F39 F71-F7E F80-F84 "
        "F86-F87 F8D-F97 F99-FBC FC6 102D-1030 1032-1037 1039-103A 103D-103E 1058-1059 "
        "105E-1060 1071-1074 1082 1085-1086 108D 109D 135D-135F 1712-1714 1732-1734 1752-1753 "
        "1772-1773 17B4-17B5 17B7-17BD 17C6 17C9-17D3 17DD 180B-180D 1885-1886 18A9 1920-1922 "
        "1927-1928 1932 1939-193B 1A17-1A18 1A1B 1A56 1A58-1A5E 1A60 1A62 1A65-1A6C 1A73-1A7C "
        "1A7F 1AB0-1ABE 1B00-1B03 1B34 1B36-1B3A 1B3C 1B42 1B6B-1B73 1B80-1B81 1BA2-1BA5 "
        "1BA8-1BA9 1BAB-1BAD 1BE6 1BE8-1BE9 1BED 1BEF-1BF1 1C2C-1C33 1C36-1C37 1CD0-1CD2 "
        "1CD4-1CE0 1CE2-1CE8 1CED 1CF4 1CF8-1CF9 1DC0-1DF9 1DFB-1DFF 200C 20D0-20F0 2CEF-2CF1 "
        "2D7F 2DE0-2DFF 302A-302F 3099-309A A66F-A672 A674-A67D A69E-A69F A6F0-A6F1 A802 A806 "
        "A80B A825-A826 A8C4-A8C5 A8E0-A8F1 A926-A92D A947-A951 A980-A982 A9B3 A9B6-A9B9 A9BC "
        "A9E5 AA29-AA2E AA31-AA32 AA35-AA36 AA43 AA4C AA7C AAB0 AAB2-AAB4 AAB7-AAB8 AABE-AABF "
        "AAC1 AAEC-AAED AAF6 ABE5 ABE8 ABED FB1E FE00-FE0F FE20-FE2F FF9E-FF9F 101FD 102E0 "
        "10376-1037A 10A01-10A03 10A05-10A06 10A0C-10A0F 10A38-10A3A 10A3F 10AE5-10AE6 11001 "
        "11038-11046 1107F-11081 110B3-110B6 110B9-110BA 11100-11102 11127-1112B 1112D-11134 "
        "11173 11180-11181 111B6-111BE 111CA-111CC 1122F-11231 11234 11236-11237 1123E 112DF "
        "112E3-112EA 11300-11301 1133C 1133E 11340 11357 11366-1136C 11370-11374 11438-1143F "
        "11442-11444 11446 114B0 114B3-114B8 114BA 114BD 114BF-114C0 114C2-114C3 115AF "
        "115B2-115B5 115BC-115BD 115BF-115C0 115DC-115DD 11633-1163A 1163D 1163F-11640 116AB "
        "116AD 116B0-116B5 116B7 1171D-1171F 11722-11725 11727-1172B 11A01-11A06 11A09-11A0A "
        "11A33-11A38 11A3B-11A3E 11A47 11A51-11A56 11A59-11A5B 11A8A-11A96 11A98-11A99 "
        "11C30-11C36 11C38-11C3D 11C3F 11C92-11CA7 11CAA-11CB0 11CB2-11CB3 11CB5-11CB6 "
        "11D31-11D36 11D3A 11D3C-11D3D 11D3F-11D45 11D47 16AF0-16AF4 16B30-16B36 16F8F-16F92 "
        "1BC9D-1BC9E 1D165 1D167-1D169 1D16E-1D172 1D17B-1D182 1D185-1D18B 1D1AA-1D1AD "
        "1D242-1D244 1DA00-1DA36 1DA3B-1DA6C 1DA75 1DA84 1DA9B-1DA9F 1DAA1-1DAAF 1E000-1E006 "
        "1E008-1E018 1E01B-1E021 1E023-1E024 1E026-1E02A 1E8D0-1E8D6 1E944-1E94A E0020-E007F "
        "E0100-E01EF"
    ),
    _REGIONAL_INDICATOR: ("1F1E6-1F1FF"),
    _SPACINGMARK: (
        "903 93B 93E-940 949-94C 94E-94F 982-983 9BF-9C0 9C7-9C8 9CB-9CC A03 A3E-A40 A83 "
        "ABE-AC0 AC9 ACB-ACC B02-B03 B40 B47-B48 B4B-B4C BBF BC1-BC2 BC6-BC8 BCA-BCC C01-C03 "
        "C41-C44 C82-C83 CBE CC0-CC1 CC3-CC4 CC7-CC8 CCA-CCB D02-D03 D3F-D40 D46-D48 D4A-D4C "
        "D82-D83 DD0-DD1 DD8-DDE DF2-DF3 E33 EB3 F3E-F3F F7F 1031 103B-103C 1056-1057 1084 17B6 "
        "17BE-17C5 17C7-17C8 1923-1926 1929-192B 1930-1931 1933-1938 1A19-1A1A 1A55 1A57 "
        "1A6D-1A72 1B04 1B35 1B3B 1B3D-1B41 1B43-1B44 1B82 1BA1 1BA6-1BA7 1BAA 1BE7 1BEA-1BEC "
        "1BEE 1BF2-1BF3 1C24-1C2B 1C34-1C35 1CE1 1CF2-1CF3 1CF7 A823-A824 A827 A880-A881 "
        "A8B4-A8C3 A952-A953 A983 A9B4-A9B5 A9BA-A9BB A9BD-A9C0 AA2F-AA30 AA33-AA34 AA4D AAEB "
        "AAEE-AAEF AAF5 ABE3-ABE4 ABE6-ABE7 ABE9-ABEA ABEC 11000 11002 11082 110B0-110B2 "
        "110B7-110B8 1112C 11182 111B3-111B5 111BF-111C0 1122C-1122E 11232-11233 11235 "
        "112E0-112E2 11302-11303 1133F 11341-11344 11347-11348 1134B-1134D 11362-11363 "
        "11435-11437 11440-11441 11445 114B1-114B2 114B9 114BB-114BC 114BE 114C1 115B0-115B1 "
        "115B8-115BB 115BE 11630-11632 1163B-1163C 1163E 116AC 116AE-116AF 116B6 11720-11721 "
        "11726 11A07-11A08 11A39 11A57-11A58 11A97 11C2F 11C3E 11CA9 11CB1 11CB4 16F51-16F7E "
        "1D166 1D16D"
    ),
    _L: ("1100-115F A960-A97C"),
    _V: ("1160-11A7 D7B0-D7C6"),
    _T: ("11A8-11FF D7CB-D7FB"),
    _PREPEND: ("600-605 6DD 70F 8E2 D4E 110BD 111C2-111C3 11A3A 11A86-11A89 11D46"),
    _E_BASE: (
        "261D 26F9 270A-270D 1F385 1F3C2-1F3C4 1F3C7 1F3CA-1F3CC 1F442-1F443 1F446-1F450 1F46E "
        "1F470-1F478 1F47C 1F481-1F483 1F485-1F487 1F4AA 1F574-1F575 1F57A 1F590 1F595-1F596 "
        "1F645-1F647 1F64B-1F64F 1F6A3 1F6B4-1F6B6 1F6C0 1F6CC 1F918-1F91C 1F91E-1F91F 1F926 "
        "1F930-1F939 1F93D-1F93E 1F9D1-1F9DD"
    ),
    _E_MODIFIER: ("1F3FB-1F3FF"),
    _ZWJ: ("200D"),
    _GLUE_AFTER_ZWJ: (
        "2640 2642 2695-2696 2708 2764 1F308 1F33E 1F373 1F393 1F3A4 1F3A8 1F3EB 1F3ED 1F48B "
        "1F4BB-1F4BC 1F527 1F52C 1F5E8 1F680 1F692"
    ),
    _E_BASE_GAZ: ("1F466-1F469"),
}

_HANGUL_FIRST, _HANGUL_LAST, _HANGUL_T_COUNT = 0xAC00, 0xD7A3, 28


def _ranges() -> tuple[list[int], list[int], list[int]]:
    """The table as sorted (firsts, lasts, properties) for a binary search."""
    rows: list[tuple[int, int, int]] = []
    for prop, spans in _BREAK_PROPERTIES.items():
        for span in spans.split():
            first, _, last = span.partition("-")
            rows.append((int(first, 16), int(last or first, 16), prop))
    rows.sort()
    return [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]


_FIRSTS, _LASTS, _PROPS = _ranges()


def _break_property(code: int) -> int:
    """The Grapheme_Cluster_Break property grapheme-splitter gives a code point."""
    if _HANGUL_FIRST <= code <= _HANGUL_LAST:
        return _LV if (code - _HANGUL_FIRST) % _HANGUL_T_COUNT == 0 else _LVT
    i = bisect_right(_FIRSTS, code) - 1
    return _PROPS[i] if i >= 0 and code <= _LASTS[i] else _OTHER


def _utf16(text: str) -> list[int]:
    """The UTF-16 code units of a text, as a JavaScript string holds it."""
    units: list[int] = []
    for ch in text:
        code = ord(ch)
        if code < 0x10000:
            units.append(code)
        else:
            code -= 0x10000
            units += (0xD800 | code >> 10, 0xDC00 | code & 0x3FF)
    return units


def _is_high(unit: int) -> bool:
    return 0xD800 <= unit <= 0xDBFF


def _is_low(unit: int) -> bool:
    return 0xDC00 <= unit <= 0xDFFF


def _code_point_at(units: list[int], i: int) -> int:
    """grapheme-splitter's codePointAt: a surrogate pair read from either half, else the unit."""
    unit = units[i]
    if _is_high(unit) and i < len(units) - 1:
        low = units[i + 1]
        return 0x10000 + (unit - 0xD800) * 0x400 + low - 0xDC00 if _is_low(low) else unit
    if _is_low(unit) and i >= 1:
        high = units[i - 1]
        return 0x10000 + (high - 0xD800) * 0x400 + unit - 0xDC00 if _is_high(high) else unit
    return unit


class _Cluster:
    """What grapheme-splitter's shouldBreak(start, mid, end) reads of `mid`, kept as it grows.

    shouldBreak looks at the whole list [start, *mid, end]; these counters answer its questions
    in constant time (the test suite checks them against a literal port of shouldBreak).
    """

    def __init__(self, start: int) -> None:
        self.start = start
        self.size = 0  # len(mid)
        self.previous = start  # all[-2]
        self.before_previous: int | None = None  # all[-3], None where JavaScript reads undefined
        self.lead_extend = 0  # leading run of Extend in mid
        self.lead_ri = 0  # leading run of Regional_Indicator in mid
        self.ri_count = 0  # Regional_Indicator in mid
        self.last_modifier = 0  # index in all of the last E_Modifier of mid, 0 if none
        self.last_ri = 0  # index in all of the last Regional_Indicator of mid, 0 if none
        self.any_extend = start == _EXTEND  # an Extend in start or mid

    def push(self, prop: int) -> None:
        if self.lead_extend == self.size and prop == _EXTEND:
            self.lead_extend += 1
        if self.lead_ri == self.size and prop == _REGIONAL_INDICATOR:
            self.lead_ri += 1
        self.size += 1
        if prop == _E_MODIFIER:
            self.last_modifier = self.size
        if prop == _REGIONAL_INDICATOR:
            self.ri_count += 1
            self.last_ri = self.size
        self.any_extend = self.any_extend or prop == _EXTEND
        self.before_previous, self.previous = self.previous, prop

    def breaks_before(self, end: int) -> bool:
        """shouldBreak(start, mid, end) of grapheme-splitter 1.0.4, as a boolean."""
        previous = self.previous
        # Its look-ahead terminator of GB10: the last E_Modifier after start, only Extend
        # between them, and a start that is no emoji base.
        modifier = self.size + 1 if end == _E_MODIFIER else self.last_modifier
        if (
            modifier > 1
            and self.lead_extend >= modifier - 1
            and self.start not in (_EXTEND, _E_BASE, _E_BASE_GAZ)
        ):
            return True
        # Its look-ahead terminator of GB12/GB13: the last RI after start, only RIs before it.
        ri = self.size + 1 if end == _REGIONAL_INDICATOR else self.last_ri
        if ri > 0 and self.lead_ri >= ri - 1 and previous not in (_PREPEND, _REGIONAL_INDICATOR):
            return True
        if previous == _CR and end == _LF:  # GB3
            return False
        if previous in (_CONTROL, _CR, _LF) or end in (_CONTROL, _CR, _LF):  # GB4, GB5
            return True
        if previous == _L and end in (_L, _V, _LV, _LVT):  # GB6
            return False
        if previous in (_LV, _V) and end in (_V, _T):  # GB7
            return False
        if previous in (_LVT, _T) and end == _T:  # GB8
            return False
        if end in (_EXTEND, _ZWJ, _SPACINGMARK) or previous == _PREPEND:  # GB9, GB9a, GB9b
            return False
        if end == _E_MODIFIER:  # GB10, with at most one Extend between base and modifier
            bases = (_E_BASE, _E_BASE_GAZ)
            if not self.any_extend and previous in bases:
                return False
            if previous == _EXTEND and self.before_previous in bases:
                return False
        if previous == _ZWJ and end in (_GLUE_AFTER_ZWJ, _E_BASE_GAZ):  # GB11
            return False
        if self.ri_count:  # GB12, GB13
            return True
        return not (previous == _REGIONAL_INDICATOR and end == _REGIONAL_INDICATOR)


def _next_break(units: list[int], index: int) -> int:
    """grapheme-splitter's nextBreak: the end of the cluster starting at `index`."""
    if index >= len(units) - 1:
        return len(units)
    cluster = _Cluster(_break_property(_code_point_at(units, index)))
    for i in range(index + 1, len(units)):
        if _is_high(units[i - 1]) and _is_low(units[i]):  # the low half of a pair
            continue
        end = _break_property(_code_point_at(units, i))
        if cluster.breaks_before(end):
            return i
        cluster.push(end)
    return len(units)


def _graphemes(units: list[int]) -> list[list[int]]:
    """The calculator's graphemes (splitGraphemes): the splitter's clusters, CR LF cut in two."""
    clusters: list[list[int]] = []
    index = 0
    while index < len(units):
        end = _next_break(units, index)
        cluster = units[index:end]
        clusters += [[0x0D], [0x0A]] if cluster == [0x0D, 0x0A] else [cluster]
        index = end
    return clusters


@dataclass(frozen=True)
class SegmentCount:
    """How an SMS body will be encoded and how many parts it costs."""

    encoding: str
    units: int  # septets for GSM-7, UTF-16 code units for UCS-2
    segments: int


def _is_gsm7(cluster: list[int]) -> bool:
    return len(cluster) == 1 and cluster[0] in _GSM_SEPTETS


def count_segments(text: str) -> SegmentCount:
    """Count segments as Twilio's calculator does: a grapheme cluster is never split."""
    clusters = _graphemes(_utf16(text))
    if all(_is_gsm7(cluster) for cluster in clusters):
        encoding, bits_per_unit = GSM7, 7
        units = [_GSM_SEPTETS[cluster[0]] for cluster in clusters]
    else:
        encoding, bits_per_unit = UCS2, 16
        units = [len(cluster) for cluster in clusters]
    return SegmentCount(encoding, sum(units), _count(units, bits_per_unit))


def _count(units: list[int], bits_per_unit: int) -> int:
    """The calculator's _buildSegments: fill 1120-bit segments cluster by cluster.

    When a second segment is needed the first takes its header too, and the clusters at its
    end that no longer fit move to the second one.
    """
    first: list[int] = []  # cluster sizes (bits) in the first segment
    used, segments = 0, 1  # bits used in the last segment
    for size in (n * bits_per_unit for n in units):
        if _SEGMENT_BITS - used < size:
            used = _HEADER_BITS
            if segments == 1:
                first_used = _HEADER_BITS + sum(first)
                while first_used > _SEGMENT_BITS:
                    moved = first.pop()
                    first_used -= moved
                    used += moved
            segments += 1
        if segments == 1:
            first.append(size)
        used += size
    return segments
