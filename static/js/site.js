/* Instant filtering: a progressive enhancement of the plain GET filter form.
 *
 * Without this file the form works as it is (Apply filters reloads the page). With it, every
 * change fetches the same page for the new query, swaps in the results and the facet counts,
 * and records the address with history.pushState so Back and Forward step through the filters.
 * Focus stays on the control the person is using; a polite live region reads the new count.
 */
(function () {
  "use strict";
  var form = document.querySelector("form[data-live-filters]");
  if (!form || !window.fetch || !window.history.pushState || !window.DOMParser) {
    return;
  }
  var pending = null;
  var typingTimer = null;
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("aria-live", "polite");
  status.setAttribute("role", "status");
  form.parentNode.insertBefore(status, form.nextSibling);

  // The query the plain form would send, minus empty fields and the defaults it names.
  function queryUrl() {
    var params = new URLSearchParams();
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.disabled || field.type === "submit") return;
      if ((field.type === "checkbox" || field.type === "radio") && !field.checked) return;
      if (field.value === "" || field.getAttribute("data-omit-when") === field.value) return;
      params.append(field.name, field.value);
    });
    var query = params.toString();
    return form.getAttribute("action") + (query ? "?" + query : "");
  }

  function focusedControl() {
    var active = document.activeElement;
    return active && active.form === form && active.name ? active : null;
  }

  function swap(doc, everything) {
    var focused = focusedControl();
    var key = focused && { name: focused.name, value: focused.value, type: focused.type };
    var oldResults = form.querySelector(".results");
    var newResults = doc.querySelector("form[data-live-filters] .results");
    if (!oldResults || !newResults) return false;
    oldResults.replaceWith(newResults);
    if (everything) {
      form.querySelector(".filters").replaceWith(doc.querySelector("form[data-live-filters] .filters"));
      var query = form.querySelector("#id_q");
      var newQuery = doc.querySelector("#id_q");
      if (query && newQuery) query.value = newQuery.value;
    } else {
      // Only the option lists change (their counts); the control in use is left alone.
      var oldLists = form.querySelectorAll(".facet__options");
      var newLists = doc.querySelectorAll("form[data-live-filters] .facet__options");
      if (oldLists.length === newLists.length) {
        Array.prototype.forEach.call(oldLists, function (list, index) {
          list.replaceWith(newLists[index]);
        });
      }
    }
    if (key && !document.body.contains(focused)) {
      var same = Array.prototype.filter.call(form.elements, function (field) {
        return field.name === key.name && (key.type !== "checkbox" || field.value === key.value);
      })[0];
      if (same) same.focus();
    }
    document.title = doc.title;
    // The language links point at this list with its new filters, like the page they came with.
    var switcher = document.querySelector(".language-switcher");
    var newSwitcher = doc.querySelector(".language-switcher");
    if (switcher && newSwitcher) switcher.replaceWith(newSwitcher);
    document.querySelectorAll("link[hreflang]").forEach(function (link) {
      var fresh = doc.querySelector('link[hreflang="' + link.getAttribute("hreflang") + '"]');
      if (fresh) link.href = fresh.href;
    });
    var count = form.querySelector(".results__count");
    // The count ("12 cases") is already in the page's language.
    status.textContent = count ? count.textContent.trim() : "";
    return true;
  }

  function load(url, push) {
    if (pending) pending.abort();
    pending = new AbortController();
    form.setAttribute("aria-busy", "true");
    fetch(url, { signal: pending.signal, headers: { Accept: "text/html" } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        if (!swap(doc, !push)) {
          window.location.assign(url);
          return;
        }
        if (push && url !== window.location.pathname + window.location.search) {
          window.history.pushState({ liveFilters: true }, "", url);
        }
      })
      .catch(function (error) {
        if (error.name !== "AbortError") window.location.assign(url);
      })
      .finally(function () { form.removeAttribute("aria-busy"); });
  }

  form.addEventListener("change", function (event) {
    if (event.target.form !== form || event.target.type === "search") return;
    load(queryUrl(), true);
  });
  form.addEventListener("input", function (event) {
    if (event.target.type !== "search") return;
    window.clearTimeout(typingTimer);
    typingTimer = window.setTimeout(function () { load(queryUrl(), true); }, 400);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    load(queryUrl(), true);
  });
  window.history.replaceState({ liveFilters: true }, "", window.location.href);
  window.addEventListener("popstate", function (event) {
    if (event.state && event.state.liveFilters) {
      load(window.location.pathname + window.location.search, false);
    }
  });
})();
