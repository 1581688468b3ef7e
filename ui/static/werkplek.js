// The werkplek's behaviour. Every form with method="post" sends its fields as JSON to the documented /api/v1
// route in its action, with the session's CSRF token and an Idempotency-Key that stays the same until the
// step is done, so a retry after an outage attaches to the first attempt. Errors are shown at their field
// and nothing the caseworker typed is lost. Lists poll (with ETag) only while the tab is visible.
"use strict";

(function () {
  const POLL_MS = 20000;
  const API = "/api/v1";
  const csrf = () => document.querySelector('meta[name="csrf-token"]')?.content || "";

  function announce(text) {
    const region = document.getElementById("melding");
    if (!region) return;
    region.textContent = "";
    // A fresh text after a tick is read out even when it repeats the previous one.
    window.setTimeout(() => { region.textContent = text; }, 50);
  }

  // --- Form to JSON -------------------------------------------------------------------------------------

  function euroCents(text) {
    const cleaned = text.replace(/[€\s]/g, "");
    const normal = cleaned.includes(",") ? cleaned.replace(/\./g, "").replace(",", ".") : cleaned;
    if (!/^-?\d+(\.\d{1,2})?$/.test(normal)) return text;
    return Math.round(parseFloat(normal) * 100);
  }

  function localMoment(text) {
    const moment = new Date(text);
    if (Number.isNaN(moment.getTime())) return text;
    const offset = -moment.getTimezoneOffset();
    const sign = offset >= 0 ? "+" : "-";
    const pad = (n) => String(Math.floor(Math.abs(n))).padStart(2, "0");
    return `${text.length === 16 ? text + ":00" : text}${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
  }

  function valueOf(element) {
    const kind = element.dataset.soort || "";
    if (kind === "ja-nee") return element.checked;
    const raw = element.value.trim();
    if (raw === "") return undefined;
    if (kind === "centen") return euroCents(raw);
    if (kind === "regels") return raw.split("\n").map((line) => line.trim()).filter(Boolean);
    if (kind === "lijst") return raw.split(/[\s,;]+/).filter(Boolean);
    if (kind === "moment") return localMoment(raw);
    if (kind === "ja-nee-keuze") return raw === "ja" ? true : raw === "nee" ? false : raw;
    if (kind === "getal") return Number.isInteger(Number(raw)) ? Number(raw) : raw;
    return raw;
  }

  function put(target, path, value) {
    let node = target;
    path.forEach((part, index) => {
      const last = index === path.length - 1;
      if (last) { node[part] = value; return; }
      const nextIsIndex = /^\d+$/.test(path[index + 1]);
      if (node[part] === undefined) node[part] = nextIsIndex ? [] : {};
      node = node[part];
    });
  }

  function compact(value) {
    // Rows of a list that were left empty (an unused action point) are not sent.
    if (Array.isArray(value)) {
      return value.map(compact).filter((item) => item !== undefined && !(typeof item === "object" && Object.keys(item).length === 0));
    }
    if (value && typeof value === "object") {
      const out = {};
      for (const [key, item] of Object.entries(value)) {
        const kept = compact(item);
        if (kept !== undefined && !(typeof kept === "object" && !Array.isArray(kept) && Object.keys(kept).length === 0)) out[key] = kept;
      }
      return out;
    }
    return value;
  }

  function bodyOf(form) {
    const body = {};
    for (const element of form.elements) {
      if (!element.name || element.disabled || element.type === "submit" || element.type === "file" || element.dataset.pad) continue;
      if (element.dataset.soort === "meervoud") {
        const list = body[element.name] || (body[element.name] = []);
        if (element.checked) list.push(element.value);
        continue;
      }
      const value = valueOf(element);
      if (value !== undefined) put(body, element.name.split("."), value);
    }
    return compact(body);
  }

  // --- Errors at their fields ---------------------------------------------------------------------------

  function reasonOf(param, input) {
    // The API explains in Dutch; an amount field adds how to type euros, and an image field speaks of the
    // file chosen, not of the text it was sent as: neither the API can know.
    if (input?.dataset.soort === "afbeelding") return "Kies een PNG- of SVG-bestand van hoogstens 140 kB.";
    const amount = input?.dataset.soort === "centen" && /^int_/.test(param.code || "");
    return amount ? "Vul een bedrag in, bijvoorbeeld 125,50." : String(param.reason || "");
  }

  function clearErrors(form) {
    form.querySelectorAll("[data-veld]").forEach((field) => {
      field.classList.remove("utrecht-form-field--invalid");
      const message = field.querySelector(".utrecht-form-field-error-message");
      if (message) { message.hidden = true; message.textContent = ""; }
      field.querySelectorAll("[aria-invalid]").forEach((input) => input.removeAttribute("aria-invalid"));
    });
    const summary = form.querySelector(".foutsamenvatting");
    if (summary) summary.hidden = true;
    form.querySelector(".gelukt")?.remove();
  }

  function fieldFor(form, name) {
    // An error on one item of a list (doelen.0) belongs to the list's own field.
    let path = name;
    while (path) {
      const field = form.querySelector(`[data-veld="${CSS.escape(path)}"]`);
      if (field) return field;
      path = path.includes(".") ? path.slice(0, path.lastIndexOf(".")) : "";
    }
    return null;
  }

  function link(text, href) {
    const a = document.createElement("a");
    a.className = "utrecht-link";
    a.href = href;
    a.textContent = text;
    return a;
  }

  function showProblem(form, status, problem) {
    const summary = form.querySelector(".foutsamenvatting");
    const list = summary.querySelector('[data-rol="lijst"]');
    const detail = summary.querySelector('[data-rol="detail"]');
    list.replaceChildren();
    detail.textContent = status === 422 ? "Verbeter de velden hieronder." : (problem.detail || "Er ging iets mis.");
    for (const param of problem.invalidParams || []) {
      const field = fieldFor(form, param.name);
      const reason = reasonOf(param, field?.querySelector("input, select, textarea"));
      const item = document.createElement("li");
      if (field) {
        field.classList.add("utrecht-form-field--invalid");
        const message = field.querySelector(".utrecht-form-field-error-message");
        message.textContent = reason;
        message.hidden = false;
        const input = field.querySelector("input, select, textarea");
        if (input) {
          input.setAttribute("aria-invalid", "true");
          const labelText = field.querySelector("label, legend")?.textContent.replace("(niet verplicht)", "").trim() || param.name;
          item.append(link(`${labelText}: ${reason}`, `#${input.id}`));
        } else {
          item.textContent = reason;
        }
      } else {
        item.textContent = param.name && param.name !== "body" ? `${param.name}: ${reason}` : reason;
      }
      list.append(item);
    }
    if (problem.toegestaneStappen) {
      const item = document.createElement("li");
      item.textContent = problem.toegestaneStappen.length
        ? `Nu kan: ${problem.toegestaneStappen.map((step) => step.replace(/_/g, " ")).join(", ")}.`
        : "Nu kan geen stap.";
      list.append(item);
    }
    if (problem.traject) {
      const item = document.createElement("li");
      item.append(link("Open het lopende traject", problem.traject.replace(API + "/trajecten/", "/werkplek/trajecten/")));
      list.append(item);
    }
    if (status === 401) {
      const item = document.createElement("li");
      item.append(link("Log opnieuw in", `/inloggen?terug=${encodeURIComponent(location.pathname)}`));
      list.append(item);
    }
    if (status === 503 || status === 0) {
      const item = document.createElement("li");
      item.textContent = "Uw invoer blijft staan. Probeer het over een minuut opnieuw.";
      list.append(item);
    }
    summary.hidden = false;
    summary.focus();
  }

  // --- Sending a step -----------------------------------------------------------------------------------

  function after(form, response, body) {
    const next = form.dataset.na || "";
    if (next === "traject" && body && body.id) {
      location.assign(`/werkplek/trajecten/${body.id}`);
    } else if (next === "betrokken" && body && body.id) {
      location.assign(`/betrokken/trajecten/${body.id}`);
    } else if (next === "herladen") {
      location.reload();
    } else if (next.startsWith("/")) {
      location.assign(next);
    } else if (next === "zoekresultaat") {
      showResults(body || []);
    } else if (next === "import") {
      showImport(body);
    } else if (next === "signaalbestand") {
      showSignalFile(body);
    } else if (next === "overdrachten") {
      showHandOvers(body);
    } else {
      const done = document.createElement("p");
      done.className = "gelukt";
      done.textContent = response.status === 202
        ? "Ontvangen. De procesmotor maakt de stap af; de pagina werkt zichzelf bij."
        : "Vastgelegd.";
      announce(done.textContent);
      const stand = document.getElementById("procesplaat-kop");
      htmx.trigger(document.body, "traject-gewijzigd");
      // Focus moves to the procesplaat, which now shows where the traject stands.
      document.body.addEventListener("htmx:afterSettle", function focusOnce(event) {
        if (event.target.id !== "stand") return;
        document.body.removeEventListener("htmx:afterSettle", focusOnce);
        (document.getElementById("procesplaat-kop") || stand)?.focus();
      });
      // What follows a step by itself (a settlement's own record, a letter going out) lands a moment later:
      // look once more soon, instead of at the next poll. Unchanged parts answer 304.
      window.setTimeout(() => htmx.trigger(document.body, "verversen"), 3000);
    }
  }

  function showResults(found) {
    const list = document.getElementById("zoekresultaat");
    list.replaceChildren();
    for (const traject of found) {
      const item = document.createElement("li");
      item.append(link(traject.kenmerk, `/werkplek/trajecten/${traject.id}`));
      item.append(document.createTextNode(`, fase ${traject.fase.replace(/_/g, " ")}`));
      list.append(item);
    }
    if (!found.length) list.innerHTML = "<li>Geen trajecten gevonden.</li>";
    announce(`${found.length} traject${found.length === 1 ? "" : "en"} gevonden.`);
    document.getElementById("resultaat-kop")?.focus();
  }

  const lines = (n) => `${n} regel${n === 1 ? "" : "s"} niet`;

  function showImport(outcome) {
    showOutcome(`${outcome.verwerkt} betaling${outcome.verwerkt === 1 ? "" : "en"} verwerkt, ${lines(outcome.fouten.length)}.`, outcome);
  }

  function showSignalFile(outcome) {
    const stored = `${outcome.opgeslagen} ${outcome.opgeslagen === 1 ? "signaal" : "signalen"} opgeslagen`;
    showOutcome(`${stored}, ${outcome.dubbel} al eerder ontvangen, ${lines(outcome.fouten.length)}.`, outcome);
    htmx.trigger(document.body, "signalen-ingelezen");
  }

  // A file read in: how it went, and each line that was not taken with its number and reason.
  function showOutcome(text, outcome) {
    document.getElementById("import-uitkomst").textContent = text;
    const list = document.getElementById("import-regels");
    list.replaceChildren();
    for (const fout of outcome.fouten) {
      const item = document.createElement("li");
      item.textContent = `Regel ${fout.regel}: ${fout.reden}`;
      list.append(item);
    }
    announce(document.getElementById("import-uitkomst").textContent);
    document.getElementById("uitkomst-kop")?.focus();
  }

  function showHandOvers(report) {
    const moved = report.overgedragen;
    document.getElementById("verslag-uitkomst").textContent =
      `${moved} van ${report.count} traject${report.count === 1 ? "" : "en"} overgedragen.`;
    const list = document.getElementById("verslag-regels");
    list.replaceChildren();
    for (const row of report.results) {
      const item = document.createElement("li");
      item.append(link(row.kenmerk, row.traject.replace(API + "/trajecten/", "/werkplek/trajecten/")));
      const outcome = row.status === "geweigerd" ? `niet overgedragen: ${row.reden}`
        : row.status === "in_behandeling" ? `naar ${row.naar}, wordt nog verwerkt` : `naar ${row.naar}`;
      item.append(document.createTextNode(`: ${outcome}`));
      list.append(item);
    }
    document.getElementById("overdracht-verslag").hidden = false;
    announce(document.getElementById("verslag-uitkomst").textContent);
    document.getElementById("verslag-kop")?.focus();
  }

  async function requestBody(form, headers) {
    const type = form.dataset.inhoud;
    if (type) {
      // A file route takes the file itself, in its own media type.
      const file = form.querySelector('input[type="file"]')?.files?.[0];
      headers["Content-Type"] = type;
      return file ? await file.text() : "";
    }
    headers["Content-Type"] = "application/json";
    const body = bodyOf(form);
    // An image goes inline, as the API keeps it: a data URI (a chosen file replaces what the field held).
    for (const input of form.querySelectorAll('input[type="file"][data-soort="afbeelding"]')) {
      const file = input.files?.[0];
      if (file) put(body, input.name.split("."), await dataUri(file));
    }
    return JSON.stringify(body);
  }

  function dataUri(file) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result);
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(file);
    });
  }

  function target(form) {
    // A field marked data-pad fills its {placeholder} in the action: the id of what is written (PUT).
    let action = form.getAttribute("action");
    for (const element of form.querySelectorAll("[data-pad]")) {
      action = action.replace(`{${element.name}}`, encodeURIComponent(element.value.trim()));
    }
    return action;
  }

  async function send(form) {
    const button = form.querySelector('button[type="submit"]');
    if (button?.getAttribute("aria-disabled") === "true") return;
    clearErrors(form);
    form.dataset.sleutel = form.dataset.sleutel || crypto.randomUUID();
    const method = (form.dataset.method || form.getAttribute("method") || "post").toUpperCase();
    const headers = { "X-CSRF-Token": csrf(), "Idempotency-Key": form.dataset.sleutel, Accept: "application/json" };
    const init = { method, headers, credentials: "same-origin" };
    if (method !== "DELETE") init.body = await requestBody(form, headers);
    button?.setAttribute("aria-disabled", "true");
    announce("Bezig met versturen.");
    const sentAt = performance.now();
    try {
      const response = await fetch(target(form), init);
      const text = await response.text();
      const body = text ? JSON.parse(text) : null;
      if (response.ok) {
        delete form.dataset.sleutel;
        delete form.dataset.bewerkt;
        lastStepSent = sentAt;
        after(form, response, body);
      } else {
        // A refusal changed nothing: a corrected step is a new request. An outage may have taken it: keep the key.
        if (response.status !== 503) delete form.dataset.sleutel;
        showProblem(form, response.status, body || {});
        announce("Niet gelukt. De fouten staan bij het formulier.");
      }
    } catch (error) {
      showProblem(form, 0, { detail: "Er is geen verbinding met de server." });
    } finally {
      button?.removeAttribute("aria-disabled");
    }
  }

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    const method = (form.dataset.method || form.getAttribute("method") || "get").toLowerCase();
    if (method === "get") return;
    event.preventDefault();
    send(form);
  });

  // --- BSN checked while typing (11-proef) ---------------------------------------------------------------

  function elfproef(bsn) {
    if (!/^\d{9}$/.test(bsn)) return false;
    const digits = bsn.split("").map(Number);
    const sum = digits.slice(0, 8).reduce((total, digit, index) => total + digit * (9 - index), 0) - digits[8];
    return sum % 11 === 0 && bsn !== "000000000";
  }

  document.addEventListener("input", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.dataset.controle !== "bsn") return;
    const field = input.closest("[data-veld]");
    const message = field?.querySelector(".utrecht-form-field-error-message");
    const value = input.value.trim();
    const wrong = value.length >= 9 && !elfproef(value) ? "Dit BSN klopt niet: het voldoet niet aan de 11-proef." : "";
    const short = /\D/.test(value) ? "Een BSN heeft alleen cijfers." : "";
    const problem = short || wrong;
    if (message) { message.textContent = problem; message.hidden = !problem; }
    if (problem) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
  });

  // --- A gemeente changed from its row: the form filled with what it has now --------------------------------

  function fill(form, name, value) {
    const field = form.querySelector(`[name="${name}"]:not([type="file"])`);
    if (field) field.value = Array.isArray(value) ? value.join(" ") : value ?? "";
  }

  document.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest("[data-wijzig-gemeente]") : null;
    if (!button) return;
    const gemeente = JSON.parse(button.dataset.wijzigGemeente);
    const details = document.getElementById("gemeente-uitklap");
    const form = details.querySelector("form");
    form.reset();
    clearErrors(form);
    // The row carries what the form asks: each field by its name, a term under beleid.
    const { beleid, ...fields } = gemeente;
    for (const [name, value] of Object.entries(fields)) fill(form, name, value);
    for (const [name, value] of Object.entries(beleid)) fill(form, `beleid.${name}`, value);
    document.getElementById("gemeente-logo-stand").textContent = gemeente.logo
      ? "Het huidige logo blijft, tenzij u een ander bestand kiest."
      : "Geen bestand gekozen: de brieven hebben geen logo.";
    form.querySelector("[data-logo-weg]").hidden = !gemeente.logo;
    details.open = true;
    form.querySelector('[name="naam"]').focus();
  });

  document.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest("[data-logo-weg]") : null;
    if (!button) return;
    const form = button.closest("form");
    form.querySelector('input[type="hidden"][name="logo"]').value = "";
    form.querySelector('input[type="file"][name="logo"]').value = "";
    document.getElementById("gemeente-logo-stand").textContent = "Bij Opslaan gaat het logo weg: de brieven hebben dan geen logo.";
    button.hidden = true;
    form.querySelector('input[type="file"][name="logo"]').focus();
  });

  document.addEventListener("change", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.dataset.stand || !input.files?.length) return;
    document.getElementById(input.dataset.stand).textContent = `Gekozen: ${input.files[0].name}. Dit logo komt in het briefhoofd.`;
  });

  // --- Polling while visible, with ETags -----------------------------------------------------------------

  const etags = new WeakMap();
  document.addEventListener("htmx:configRequest", (event) => {
    const tag = etags.get(event.detail.elt);
    if (tag) event.detail.headers["If-None-Match"] = tag;
  });
  // Never replace what the caseworker is in the middle of: a focused link or control in a polled list, or
  // a step form she has started to fill in. When the state changed by itself, any form she started holds
  // the steps; after a step of hers, only one she started after sending it: the refresh that follows her
  // step must show its outcome, but on a slow day she may already be filling in the next form when it
  // comes. Checked when a refresh starts, and again when its answer arrives. A heading the page moved focus
  // to after a step is not such a place: htmx gives focus back to its namesake after the swap, and the
  // refresh is what shows a step the engine finished after its answer.
  const CONTROL = "a[href], button, input, select, textarea, summary";
  let lastStepSent = 0;
  function startedSince(elt, moment) {
    return [...elt.querySelectorAll("form[data-bewerkt]")].some((form) => Number(form.dataset.bewerkt) > moment);
  }
  function busy(elt, cause) {
    const focused = document.activeElement;
    return (elt.hasAttribute("data-peilen") && cause === "verversen" && elt.contains(focused) && focused.matches(CONTROL)) ||
      (cause === "stappen-verversen" && startedSince(elt, 0)) ||
      (cause === "traject-gewijzigd" && startedSince(elt, lastStepSent));
  }
  const kept = new WeakSet();
  document.addEventListener("htmx:beforeRequest", (event) => {
    if (busy(event.detail.elt, event.detail.requestConfig?.triggeringEvent?.type)) event.preventDefault();
  });
  document.addEventListener("htmx:beforeSwap", (event) => {
    if (busy(event.detail.elt, event.detail.requestConfig?.triggeringEvent?.type)) {
      event.detail.shouldSwap = false;
      // Not shown, so not known: the next refresh must fetch it again instead of hearing 304.
      kept.add(event.detail.elt);
    }
  });
  document.addEventListener("input", (event) => {
    const form = event.target.closest?.("#stappen form");
    if (form) form.dataset.bewerkt = String(performance.now());
  });
  document.addEventListener("htmx:afterRequest", (event) => {
    const tag = event.detail.xhr?.getResponseHeader("ETag");
    if (kept.has(event.detail.elt)) {
      kept.delete(event.detail.elt);
      etags.delete(event.detail.elt);
      return;
    }
    if (tag) etags.set(event.detail.elt, tag);
    // The traject changed by itself (a settlement recorded, a creditor answered): the steps allowed may have too.
    const changed = event.detail.xhr?.status === 200 && ["stand", "dossier"].includes(event.detail.elt.id);
    if (changed && event.detail.requestConfig?.triggeringEvent?.type === "verversen") {
      htmx.trigger(document.body, "stappen-verversen");
    }
  });

  function poll() {
    if (document.visibilityState === "visible" && document.querySelector("[data-peilen]")) {
      htmx.trigger(document.body, "verversen");
    }
  }
  window.setInterval(poll, POLL_MS);
  document.addEventListener("visibilitychange", poll);
})();
