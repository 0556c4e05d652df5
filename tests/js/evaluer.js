// The case form's evaluator (docs/assets/skjema-regler.js, the file the browser loads) in Node, for
// tests/test_form_differential.py: `node evaluer.js regler.json`, then one JSON line per case on stdin
// ({"data": …, "fil": null, "fortelling": false}); one JSON line per case on stdout:
// {"fil": the file the form writes, "feil": [[field, message, rule], …]}. A line {"kall": name,
// "args": […]} calls one of the shared helpers instead (tests/fixtures/skjema/felles.json).
"use strict";
const fs = require("fs");
const path = require("path");
const readline = require("readline");
const K = require(path.join(__dirname, "..", "..", "docs", "assets", "skjema-regler.js"));

const R = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const E = K.lag(R);
const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on("line", (line) => {
  if (!line.trim()) return;
  const job = JSON.parse(line);
  let out;
  try {
    if (job.kall) {
      out = { svar: K[job.kall].apply(null, job.args) };
    } else {
      const errs = E.validate(job.data, { fil: job.fil || null, fortelling: !!job.fortelling });
      out = { fil: E.targetFile(job.data, job.fil || null),
              feil: errs.map((e) => [K.fieldPath(e.path), e.message, e.regel]) };
    }
  } catch (err) {
    out = { unntak: String(err && err.stack || err) };
  }
  process.stdout.write(JSON.stringify(out) + "\n");
});
