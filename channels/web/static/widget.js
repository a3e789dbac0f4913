/*
 * Assistant des droits: the chat widget for town websites.
 *
 *   <script src="https://ASSISTANT/static/widget.js" data-territory="bastia" defer></script>
 *
 * adds a labelled launcher and a chat panel; with data-mode="page" (the /chat page) the panel is shown inline.
 * It talks only to the public conversation contract of the server it was loaded from, and loads nothing else
 * (its stylesheet comes from the same server). Accessibility (RGAA 4.1 / WCAG 2.1 AA): each new message is
 * announced once by a role="log" region, history restored after a reload is not; each message says who wrote it;
 * the launcher has aria-expanded; focus goes to the input on open and back to the launcher on close.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script) { return; }
  var base = new URL(script.src, document.baseURI).origin;
  var territory = script.getAttribute("data-territory") || "";
  var pageMode = script.getAttribute("data-mode") === "page";
  var storageKey = "assistant-des-droits:" + (territory || "national");
  var TEXT = {
    launcher: "Vos droits en questions",
    title: "Assistant des droits",
    close: "Fermer l'assistant",
    bot: "L'assistant : ",
    resident: "Vous : ",
    label: "Votre réponse",
    placeholder: "Écrivez votre réponse",
    send: "Envoyer",
    typing: "L'assistant écrit…",
    unreachable: "Impossible de joindre le service. Vérifiez votre connexion puis réessayez : votre message est gardé.",
    failed: "Le service ne répond pas pour le moment. Réessayez dans quelques minutes.",
    retry: "Réessayer",
    print: "Imprimer ou enregistrer mes résultats",
    newWindow: " (nouvelle fenêtre)",
    printTitle: "Mes résultats – Assistant des droits",
    intro: "Échange avec l'assistant des droits. Ces informations ne sont qu'une estimation : seul l'organisme décide."
  };

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") { node.textContent = attributes[name]; } else { node.setAttribute(name, attributes[name]); }
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  // ---------- the DOM ----------
  var stylesheet = element("link", { rel: "stylesheet", href: base + "/static/widget.css" });
  document.head.appendChild(stylesheet);

  var uid = "add-" + Math.random().toString(36).slice(2, 8);
  var history = element("div", { "class": "add-history" });
  var log = element("div", { "class": "add-log", role: "log", "aria-live": "polite", "aria-label": "Nouveaux messages" });
  var transcript = element("div", { "class": "add-transcript", tabindex: "0", "aria-label": "Conversation" },
    [history, log]);
  var status = element("p", { "class": "add-status", role: "status" });
  var alertBox = element("div", { "class": "add-alert", role: "alert" });
  var input = element("input", { id: uid + "-input", type: "text", maxlength: "1000", autocomplete: "off",
    placeholder: TEXT.placeholder, "class": "add-input" });
  var form = element("form", { "class": "add-composer" }, [
    element("label", { "for": uid + "-input", "class": "add-sr", text: TEXT.label }),
    input,
    element("button", { type: "submit", "class": "add-button", text: TEXT.send })
  ]);
  var printButton = element("button", { type: "button", "class": "add-link-button", text: TEXT.print });
  var closeButton = element("button", { type: "button", "class": "add-close", "aria-label": TEXT.close,
    text: "×" });
  var heading = element("h2", { id: uid + "-title", "class": "add-title", text: TEXT.title });
  var panel = element("section", { id: uid + "-panel", "class": "add-panel" + (pageMode ? " add-panel--page" : ""),
    "aria-labelledby": uid + "-title" }, [
    element("header", { "class": "add-header" }, pageMode ? [heading] : [heading, closeButton]),
    transcript, status, alertBox, form,
    element("div", { "class": "add-footer" }, [printButton])
  ]);
  var launcher = element("button", { type: "button", "class": "add-launcher", "aria-expanded": "false",
    "aria-controls": uid + "-panel", text: TEXT.launcher });
  var root = element("div", { "class": "add-root", lang: "fr" }, pageMode ? [panel] : [launcher, panel]);
  if (pageMode) { script.parentNode.insertBefore(root, script); } else { document.body.appendChild(root); }
  if (!pageMode) { panel.hidden = true; }

  // ---------- messages ----------
  var URL_PATTERN = /(https?:\/\/[^\s<]+[^\s<.,;:!?)»])/g;

  function hostOf(url) {
    // new URL() throws on text that only looks like a link; a throw here once broke resume() for good.
    try { return new URL(url).hostname.replace(/^www\./, ""); } catch (ignored) { return null; }
  }

  function richText(text) {
    // URLs become links that say where they go; everything else stays text (never innerHTML).
    var fragment = document.createDocumentFragment();
    var last = 0;
    text.replace(URL_PATTERN, function (url, _group, offset) {
      var host = hostOf(url);
      if (host === null) { return url; }  // « voir http://[x » is not a link: it stays text
      fragment.appendChild(document.createTextNode(text.slice(last, offset)));
      var link = element("a", { href: url, target: "_blank", rel: "noopener noreferrer", "class": "add-a" });
      link.textContent = host;
      link.appendChild(element("span", { "class": "add-sr", text: TEXT.newWindow }));
      fragment.appendChild(link);
      last = offset + url.length;
      return url;
    });
    fragment.appendChild(document.createTextNode(text.slice(last)));
    return fragment;
  }

  function clearQuickReplies() {
    Array.prototype.forEach.call(root.querySelectorAll(".add-choices"), function (node) { node.remove(); });
  }

  function render(container, author, text, buttons) {
    var item = element("div", { "class": "add-msg add-msg--" + author }, [
      element("span", { "class": "add-sr", text: author === "bot" ? TEXT.bot : TEXT.resident })
    ]);
    item.appendChild(richText(text));
    if (buttons && buttons.length) {
      var group = element("div", { "class": "add-choices", role: "group", "aria-label": "Réponses possibles" });
      buttons.forEach(function (button) {
        var choice = element("button", { type: "button", "class": "add-choice", text: button.title });
        choice.addEventListener("click", function () { send(button.payload, button.title); });
        group.appendChild(choice);
      });
      item.appendChild(group);
    }
    container.appendChild(item);
    transcript.scrollTop = transcript.scrollHeight;
    return item;
  }

  // ---------- the public contract ----------
  var conversation = null;
  var pending = null;
  var NOT_KEPT = [0, 413, 429];

  function call(method, path, body) {
    var headers = { "Content-Type": "application/json" };
    if (conversation) { headers.Authorization = "Bearer " + conversation.token; }
    return fetch(base + path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          if (!response.ok) {
            var error = new Error(typeof data.detail === "string" ? data.detail : TEXT.failed);
            error.status = response.status;
            error.retryAfter = parseInt(response.headers.get("Retry-After") || "0", 10) || 0;
            throw error;
          }
          return data;
        });
      }, function () {
        var error = new Error(TEXT.unreachable);
        error.status = 0;
        throw error;
      });
  }

  function showError(error, retry) {
    status.textContent = "";
    alertBox.textContent = "";
    alertBox.appendChild(element("p", { text: error.message }));
    if (retry) {
      var again = element("button", { type: "button", "class": "add-button add-button--secondary", text: TEXT.retry });
      again.addEventListener("click", function () { alertBox.textContent = ""; retry(); });
      if (error.status === 429 && error.retryAfter > 0) {
        // Too many messages at once: the button comes back when the server is ready again, not before.
        again.disabled = true;
        setTimeout(function () { again.disabled = false; }, Math.min(error.retryAfter, 120) * 1000);
      }
      alertBox.appendChild(again);
    }
  }

  function start() {
    return call("POST", "/api/v1/conversations", { territory: territory || null, channel: "web" }).then(function (data) {
      conversation = { id: data.id, token: data.token };
      localStorage.setItem(storageKey, JSON.stringify(conversation));
      data.messages.forEach(function (m) { render(log, "bot", m.text, m.buttons); });
    });
  }

  function resume() {
    return call("GET", "/api/v1/conversations/" + conversation.id + "/messages").then(function (data) {
      var messages = data.messages;
      messages.forEach(function (m, index) {
        // Only the quick replies still on offer (after the resident's last message) are shown again.
        var current = messages.slice(index + 1).every(function (next) { return next.author === "bot"; });
        render(history, m.author, m.text, m.author === "bot" && current ? m.buttons : []);
      });
    });
  }

  function open() {
    if (conversation || pending) { return Promise.resolve(); }
    alertBox.textContent = "";
    var saved = null;
    try { saved = JSON.parse(localStorage.getItem(storageKey) || "null"); } catch (ignored) { saved = null; }
    if (saved && saved.id && saved.token) {
      conversation = saved;
      pending = resume().catch(function (error) {
        if (error.status !== 404 && error.status !== 401) { conversation = null; throw error; }
        conversation = null;
        localStorage.removeItem(storageKey);
        return start();
      });
    } else {
      pending = start();
    }
    return pending.catch(function (error) { showError(error, open); }).then(function () { pending = null; });
  }

  function send(text, shown) {
    if (!conversation) { return; }
    clearQuickReplies();
    alertBox.textContent = "";
    var bubble = render(log, "resident", shown || text, []);
    status.textContent = TEXT.typing;
    input.focus();
    return call("POST", "/api/v1/conversations/" + conversation.id + "/messages", { text: text })
      .then(function (data) {
        status.textContent = "";
        data.messages.forEach(function (m) { render(log, "bot", m.text, m.buttons); });
      })
      .catch(function (error) {
        // The server kept the message, unless it never got it (0) or refused it before reading (413, 429).
        if (NOT_KEPT.indexOf(error.status) === -1) { showError(error, null); return; }
        // Nothing is lost: the text goes back into the input, and « Réessayer » sends it again.
        bubble.remove();
        if (!shown) { input.value = text; }
        showError(error, function () { input.value = ""; send(text, shown); });
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = "";
    send(text);
  });

  // ---------- open, close, print ----------
  function setOpen(expanded) {
    panel.hidden = !expanded;
    launcher.setAttribute("aria-expanded", String(expanded));
    if (expanded) { input.focus(); open(); } else { launcher.focus(); }
  }

  launcher.addEventListener("click", function () { setOpen(panel.hidden); });
  closeButton.addEventListener("click", function () { setOpen(false); });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !pageMode) { event.preventDefault(); setOpen(false); }
  });

  printButton.addEventListener("click", function () {
    var view = window.open("", "_blank");
    if (!view) { return; }
    var doc = view.document;
    doc.title = TEXT.printTitle;
    doc.documentElement.lang = "fr";
    var sheet = doc.createElement("link");
    sheet.rel = "stylesheet";
    sheet.href = base + "/static/widget.css";
    doc.head.appendChild(sheet);
    var main = doc.createElement("main");
    main.className = "add-print";
    var title = doc.createElement("h1");
    title.textContent = TEXT.printTitle;
    var intro = doc.createElement("p");
    intro.textContent = TEXT.intro + " " + new Date().toLocaleDateString("fr-FR");
    main.appendChild(title);
    main.appendChild(intro);
    Array.prototype.forEach.call(root.querySelectorAll(".add-msg"), function (message) {
      var copy = doc.importNode(message, true);
      Array.prototype.forEach.call(copy.querySelectorAll(".add-choices"), function (node) { node.remove(); });
      Array.prototype.forEach.call(copy.querySelectorAll("a"), function (link) {
        link.textContent = link.href;
      });
      main.appendChild(copy);
    });
    doc.body.appendChild(main);
    view.focus();
  });

  if (pageMode) { open(); input.focus(); }
})();
