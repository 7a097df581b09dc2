/* The search box and filters of the site's index.
 *
 * The list of careers is complete in the page (and stays so without
 * JavaScript); this script keeps in it only the careers that match, as the
 * user types. Its matching is brochure's
 * own (brochure/source/search.py), written again here: the query is folded
 * as fold() folds it (case, accents, ligatures and punctuation set aside),
 * and a career matches when each word of the query begins one of the words
 * brochure wrote in its data-words attribute. tests/site/test_search_js.py
 * runs both on one table of queries.
 */
(function () {
  "use strict";

  var LIGATURES = { "\u0153": "oe", "\u00e6": "ae", "\u00df": "ss" };

  // Compatibility decomposition, lower case, ligatures spelt out, marks
  // dropped, every run of characters that are not letters or digits one space.
  function fold(text) {
    return text
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[\u0153\u00e6\u00df]/g, function (ligature) {
        return LIGATURES[ligature];
      })
      .replace(/\p{M}+/gu, "")
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  }

  function queryWords(query) {
    var folded = fold(query);
    return folded ? folded.split(" ") : [];
  }

  // words: " word word ... ", as brochure writes it.
  function matches(words, query) {
    for (var i = 0; i < query.length; i += 1) {
      if (words.indexOf(" " + query[i]) === -1) {
        return false;
      }
    }
    return true;
  }

  window.brochureSearch = { fold: fold, queryWords: queryWords, matches: matches };

  var form = document.getElementById("search");
  var list = document.getElementById("careers");
  if (!form || !list) {
    return;
  }
  // Careers shown at a time: whatever the catalogue's size, a keystroke puts
  // a few dozen careers in the list, and is answered at once. Those that do not
  // match are taken out of the list (hiding them would cost far more).
  var STEP = 50;
  var limit = STEP;
  var box = document.getElementById("query");
  var sector = document.getElementById("sector");
  var level = document.getElementById("level");
  var status = document.getElementById("results");
  var more = document.getElementById("more");
  var careers = Array.prototype.map.call(list.children, function (item) {
    return {
      item: item,
      words: item.getAttribute("data-words") || "",
      sectors: item.getAttribute("data-sectors") || "",
      level: item.getAttribute("data-level") || "",
      shown: true
    };
  });

  function say(count) {
    if (count === 0) {
      return status.getAttribute("data-none");
    }
    if (count === 1) {
      return status.getAttribute("data-one");
    }
    return status.getAttribute("data-many").replace("{count}", String(count));
  }

  // Put in the list the careers that match, the first `limit` of them, in
  // their order; return the first one newly shown (for the "more" button to
  // move the focus to it).
  function update() {
    var query = queryWords(box.value);
    var wantedSector = sector.value ? " " + sector.value + " " : "";
    var wantedLevel = level.value;
    var count = 0;
    var shown = [];
    var firstNew = null;
    for (var i = 0; i < careers.length; i += 1) {
      var career = careers[i];
      var match =
        matches(career.words, query) &&
        (!wantedSector || career.sectors.indexOf(wantedSector) !== -1) &&
        (!wantedLevel || career.level === wantedLevel);
      var show = match && count < limit;
      if (show) {
        shown.push(career.item);
        if (!career.shown && !firstNew) {
          firstNew = career.item;
        }
      }
      career.shown = show;
      if (match) {
        count += 1;
      }
    }
    list.replaceChildren.apply(list, shown);
    var text = say(count);
    if (status.textContent !== text) {
      status.textContent = text; // a status region: screen readers announce it
    }
    more.hidden = count <= limit;
    more.textContent = more
      .getAttribute("data-label")
      .replace("{shown}", String(Math.min(count, limit)))
      .replace("{count}", String(count));
    return firstNew;
  }

  function search() {
    limit = STEP; // a new search starts with its first careers
    update();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault(); // everything happens as the user types
  });
  box.addEventListener("input", search);
  sector.addEventListener("change", search);
  level.addEventListener("change", search);
  more.addEventListener("click", function () {
    limit += STEP;
    var first = update();
    var link = first && first.querySelector("a");
    if (link) {
      link.focus(); // the keyboard goes on where the new careers start
    }
  });
  // A query in the address (index.html?q=infirmier), as a bookmark or a link gives it.
  var given = new URLSearchParams(window.location.search).get("q");
  if (given && !box.value) {
    box.value = given;
  }
  form.hidden = false;
  search(); // the browser may have kept what was typed before going back
})();
