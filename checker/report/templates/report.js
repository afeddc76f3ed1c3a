// Client-side filters for one story page. The filter state lives in the URL hash
// (#severity=major&outlet=x&q=word) so a copied link reproduces the view; a hash of the form
// #f-<finding_id> is a permalink and opens on that finding with every filter cleared, below
// the sticky filter bar. `outlet` matches the outlets that depart in a finding, not every
// outlet it names; the who-deviates table's cells are links to such hashes.
(function () {
  "use strict";
  var FIELDS = ["severity", "check", "rule", "outlet", "q"];
  var dataNode = document.getElementById("finding-index");
  var index = dataNode ? JSON.parse(dataNode.textContent) : [];
  var byId = Object.create(null);
  index.forEach(function (item) { byId[item.id] = item; });
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var facts = Array.prototype.slice.call(document.querySelectorAll("section.fact"));
  var searchText = cards.map(function (card) { return card.textContent.toLowerCase(); });
  var controls = {};
  FIELDS.forEach(function (name) { controls[name] = document.getElementById("filter-" + name); });
  var counter = document.getElementById("filter-count");
  var noMatch = document.getElementById("no-match");
  var bar = document.getElementById("filters");
  var findingsTitle = document.getElementById("findings-title");

  // Cards scroll to just below the bar (CSS scroll-margin-top reads --bar-h); the bar is
  // sticky only on wide screens, so its height counts only while it is sticky.
  function measureBar() {
    var sticky = bar && getComputedStyle(bar).position === "sticky";
    var height = sticky ? bar.getBoundingClientRect().height : 0;
    document.documentElement.style.setProperty("--bar-h", Math.ceil(height) + "px");
  }

  function readControls() {
    var state = {};
    FIELDS.forEach(function (name) {
      var value = controls[name] ? controls[name].value.trim() : "";
      if (value) { state[name] = value; }
    });
    return state;
  }

  function setControls(state) {
    FIELDS.forEach(function (name) {
      var control = controls[name];
      if (!control) { return; }
      var value = state[name] || "";
      if (control.tagName === "SELECT" &&
          !Array.prototype.some.call(control.options, function (o) { return o.value === value; })) {
        value = "";
      }
      control.value = value;
    });
  }

  function matches(item, text, state) {
    if (state.severity && item.severity !== state.severity) { return false; }
    if (state.check && item.check !== state.check) { return false; }
    if (state.rule && item.rule !== state.rule) { return false; }
    if (state.outlet && item.outlets.indexOf(state.outlet) < 0) { return false; }
    if (state.q && text.indexOf(state.q.toLowerCase()) < 0) { return false; }
    return true;
  }

  function apply(state) {
    var shown = 0;
    cards.forEach(function (card, i) {
      var item = byId[card.id.slice(2)];
      var visible = !item || matches(item, searchText[i], state);
      card.hidden = !visible;
      if (visible) { shown += 1; }
    });
    facts.forEach(function (fact) {
      fact.hidden = !fact.querySelector("article.finding:not([hidden])");
    });
    if (counter) { counter.textContent = shown + " of " + cards.length + " findings"; }
    if (noMatch) { noMatch.hidden = shown > 0 || cards.length === 0; }
  }

  function writeHash(state) {
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) { if (state[name]) { params.set(name, state[name]); } });
    var hash = params.toString();
    var url = location.pathname + location.search + (hash ? "#" + hash : "");
    try {
      history.replaceState(null, "", url);
    } catch (err) {
      location.hash = hash;
    }
  }

  function openPermalink(id) {
    var card = document.getElementById(id);
    if (!card) { return false; }
    setControls({});
    apply({});
    measureBar();
    cards.forEach(function (c) { c.classList.remove("is-target"); });
    card.classList.add("is-target");
    card.scrollIntoView({ block: "start" });
    card.focus({ preventScroll: true });
    return true;
  }

  function readHash() {
    var hash = decodeURIComponent(location.hash.slice(1));
    if (hash.indexOf("f-") === 0 && openPermalink(hash)) { return; }
    var params = new URLSearchParams(location.hash.slice(1));
    var state = {};
    FIELDS.forEach(function (name) { if (params.get(name)) { state[name] = params.get(name); } });
    setControls(state);
    apply(readControls());
  }

  function onChange() {
    var state = readControls();
    cards.forEach(function (c) { c.classList.remove("is-target"); });
    apply(state);
    writeHash(state);
  }

  FIELDS.forEach(function (name) {
    if (controls[name]) {
      controls[name].addEventListener(name === "q" ? "input" : "change", onChange);
    }
  });
  var reset = document.getElementById("filter-reset");
  if (reset) {
    reset.addEventListener("click", function () { setControls({}); onChange(); });
  }
  window.addEventListener("hashchange", function () {
    readHash();
    // a filter link of the who-deviates table: show the findings it selected
    var who = document.getElementById("who");
    if (who && who.contains(document.activeElement) && findingsTitle) {
      findingsTitle.scrollIntoView({ block: "start" });
    }
  });
  window.addEventListener("resize", measureBar);
  measureBar();
  readHash();
}());
