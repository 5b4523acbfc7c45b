// Twilio's SMS segment calculator as an oracle for flows/segments.py.
// stdin: one JSON string per line. stdout: one JSON line per input, in order:
//   {"encoding": "GSM-7"|"UCS-2", "units": septets (GSM-7) or UTF-16 code units (UCS-2),
//    "segments": number of segments, "graphemes": the graphemes the calculator cut the text into}
// Encoding "auto", no smart encoding (Twilio's default for a Messaging Service without it).
"use strict";
const readline = require("readline");
const { SegmentedMessage } = require("sms-segments-calculator");

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on("line", (line) => {
  if (line === "") return;
  const message = new SegmentedMessage(JSON.parse(line), "auto");
  const units = message.encodedChars.reduce((sum, char) => sum + char.codeUnits.length, 0);
  process.stdout.write(
    `${JSON.stringify({
      encoding: message.encodingName,
      units,
      segments: message.segmentsCount,
      graphemes: message.graphemes,
    })}\n`,
  );
});
