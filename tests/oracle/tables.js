// The two tables flows/segments.py copies from sms-segments-calculator, printed as one JSON line:
//   gsm:       {code unit: septets} for every character the calculator encodes in GSM-7
//              (its UnicodeToGSM map; 2 septets for the extension table's escape pairs);
//   graphemes: [[first, last, property], ...] the Grapheme_Cluster_Break property that its
//              grapheme splitter (grapheme-splitter) gives every code point 0..0x10FFFF,
//              adjacent code points with the same property merged.
// tests/unit/test_segments.py checks flows/segments.py against this output.
// `node tests/oracle/tables.js --python` prints the grapheme table as flows/segments.py spells it.
"use strict";
const fs = require("fs");

const NAMES = [
  "CR", "LF", "Control", "Extend", "Regional_Indicator", "SpacingMark", "L", "V", "T", "LV",
  "LVT", "Other", "Prepend", "E_Base", "E_Modifier", "ZWJ", "Glue_After_Zwj", "E_Base_GAZ",
];

function breakProperty() {
  // getGraphemeBreakProperty is private to the GraphemeSplitter constructor: take its source.
  const source = fs.readFileSync(require.resolve("grapheme-splitter"), "utf8");
  const start = source.indexOf("function getGraphemeBreakProperty(code)");
  const end = source.indexOf("return this;", start);
  if (start < 0 || end < 0) throw new Error("getGraphemeBreakProperty not found in grapheme-splitter");
  const constants = NAMES.map((name, i) => `var ${name} = ${i};`).join("\n");
  // eslint-disable-next-line no-new-func
  return new Function(`${constants}\n${source.slice(start, end)}\nreturn getGraphemeBreakProperty;`)();
}

function graphemeRanges() {
  const property = breakProperty();
  const ranges = [];
  for (let code = 0; code <= 0x10ffff; code++) {
    const name = NAMES[property(code)];
    const last = ranges[ranges.length - 1];
    if (last && last[2] === name && last[1] === code - 1) last[1] = code;
    else ranges.push([code, code, name]);
  }
  return ranges;
}

function gsmTable() {
  const map = require("sms-segments-calculator/dist/libs/UnicodeToGSM").default;
  return Object.fromEntries(Object.entries(map).map(([code, septets]) => [code, septets.length]));
}

function pythonLiteral(ranges) {
  // Hangul syllables (LV, LVT) are computed in Python; Other is the default.
  const byName = {};
  for (const [first, last, name] of ranges) {
    if (name === "Other" || name === "LV" || name === "LVT") continue;
    const hex = (n) => n.toString(16).toUpperCase();
    (byName[name] = byName[name] || []).push(first === last ? hex(first) : `${hex(first)}-${hex(last)}`);
  }
  const lines = ["_BREAK_PROPERTIES = {"];
  for (const name of NAMES.filter((n) => byName[n])) {
    lines.push(`    _${name.toUpperCase()}: (`);
    let line = "";
    for (const item of byName[name]) {
      if (line && line.length + item.length + 1 > 86) {
        lines.push(`        "${line} "`);
        line = "";
      }
      line += line ? ` ${item}` : item;
    }
    lines.push(`        "${line}"`, "    ),");
  }
  lines.push("}");
  return lines.join("\n");
}

const ranges = graphemeRanges();
if (process.argv.includes("--python")) {
  process.stdout.write(`${pythonLiteral(ranges)}\n`);
} else {
  const versions = {
    "sms-segments-calculator": require("sms-segments-calculator/package.json").version,
    "grapheme-splitter": require("grapheme-splitter/package.json").version,
  };
  process.stdout.write(`${JSON.stringify({ versions, gsm: gsmTable(), graphemes: ranges })}\n`);
}
