// Unit tests of the page's pure helpers (src/state.js), with hand-worked expected values.
// Run: node --test test/state.test.mjs (test.sh runs it before the browser test).
import assert from "node:assert/strict";
import { test } from "node:test";
import { applyFix, readFragment, setQueryParam, writeFragment } from "../src/state.js";

test("the fragment round-trips the state and leaves out defaults", () => {
  const state = { table: "backlinks_one_per_domain", where: 'anchor="a b&c",x>1', having: "", url: "", rows: "1000" };
  const hash = writeFragment(state);
  assert.equal(hash, "#table=backlinks_one_per_domain&where=anchor%3D%22a+b%26c%22%2Cx%3E1");
  assert.deepEqual(readFragment(hash), state);
  assert.equal(writeFragment({ table: "", where: "", having: "", url: "", rows: "1000" }), "");
  assert.deepEqual(readFragment(""), { table: "", where: "", having: "", url: "", rows: "1000" });
});

test("with a request URL, the fragment holds only the URL and the rows", () => {
  const state = { table: "refdomains", where: "domain_rating>30", having: "", url: "from=refdomains&token=***", rows: "5" };
  assert.equal(writeFragment(state), "#url=from%3Drefdomains%26token%3D***&rows=5");
});

test("setQueryParam replaces the last occurrence, appends, removes", () => {
  const url = "https://apiv2.ahrefs.com/?token=***&from=refdomains&where=a%3D1&where=b%3D2";
  assert.equal(setQueryParam(url, "where", 'c="x y"'), "https://apiv2.ahrefs.com/?token=***&from=refdomains&where=a%3D1&where=c%3D%22x+y%22");
  assert.equal(setQueryParam(url, "having", "d>3"), `${url}&having=d%3E3`);
  assert.equal(setQueryParam(url, "where", ""), "https://apiv2.ahrefs.com/?token=***&from=refdomains&where=a%3D1");
  assert.equal(setQueryParam("from=a&target=b", "from", ""), "target=b");
  assert.equal(setQueryParam("from=a", "where", "x=1"), "from=a&where=x%3D1");
  assert.equal(setQueryParam("https://apiv2.ahrefs.com/", "from", "pages"), "https://apiv2.ahrefs.com/?from=pages");
  assert.equal(setQueryParam("?from=a&", "mode", "exact"), "?from=a&mode=exact");
  assert.equal(setQueryParam("https://x/?from=a#top", "mode", "exact"), "https://x/?from=a&mode=exact#top");
  assert.equal(setQueryParam("from&mode=exact", "from", "pages"), "from=pages&mode=exact");
});

test("applyFix replaces spans right to left and appends to the other clause", () => {
  const move = {
    clause: "where",
    fix: {
      title: "move",
      applicability: "safe",
      edits: [
        // The CLI's JSON shape (filter-spec.md §6, src/json.rs).
        { clause: "where", span: { start: 0, end: 17 }, text: "" },
        { clause: "having", span: null, text: "domain_rating>30", append: true },
      ],
    },
  };
  assert.deepEqual(applyFix({ where: "domain_rating>30,ahrefs_rank>1", having: "" }, move), {
    where: "ahrefs_rank>1",
    having: "domain_rating>30",
  });
  assert.deepEqual(applyFix({ where: "domain_rating>30,ahrefs_rank>1", having: "refpages>2," }, move), {
    where: "ahrefs_rank>1",
    having: "refpages>2,domain_rating>30",
  });
  const two = {
    clause: "where",
    fix: { edits: [{ clause: "where", span: { start: 2, end: 3 }, text: "=" }, { clause: "where", span: { start: 7, end: 8 }, text: "<>" }] },
  };
  assert.deepEqual(applyFix({ where: "a :1,b !2", having: "" }, two), { where: "a =1,b <>2", having: "" });
  // A span that no longer fits the text, or no fix: nothing to apply.
  assert.equal(applyFix({ where: "a", having: "" }, two), null);
  assert.equal(applyFix({ where: "a", having: "" }, { clause: "where", fix: null }), null);
  // A whole-request diagnostic (clause null) edits the fallback text.
  const url = { clause: null, fix: { edits: [{ clause: null, span: { start: 5, end: 11 }, text: "domain" }] } };
  assert.deepEqual(applyFix({ where: "", having: "", url: "mode=domian" }, url, "url"), { where: "", having: "", url: "mode=domain" });
});
