// Minimal chat page: only the public conversation contract (POST/GET /api/v1/conversations...).
(function () {
  "use strict";
  var STORAGE_KEY = "assistant-des-droits-conversation";
  var transcript = document.getElementById("transcript");
  var statusLine = document.getElementById("status");
  var form = document.getElementById("composer");
  var input = document.getElementById("message");
  var territory = document.querySelector(".chat").getAttribute("data-territory") || null;
  var conversation = null;

  function show(author, text, buttons) {
    var item = document.createElement("div");
    item.className = "message " + author;
    var who = document.createElement("span");
    who.className = "author";
    who.textContent = author === "bot" ? "L'assistant :" : "Vous :";
    item.appendChild(who);
    item.appendChild(document.createTextNode(text));
    if (buttons && buttons.length) {
      var group = document.createElement("div");
      group.className = "buttons";
      buttons.forEach(function (button) {
        var element = document.createElement("button");
        element.type = "button";
        element.textContent = button.title;
        element.addEventListener("click", function () { send(button.payload, button.title); });
        group.appendChild(element);
      });
      item.appendChild(group);
    }
    transcript.appendChild(item);
    item.scrollIntoView({ block: "end" });
  }

  function request(method, url, body) {
    var headers = { "Content-Type": "application/json" };
    if (conversation) { headers.Authorization = "Bearer " + conversation.token; }
    return fetch(url, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          if (!response.ok) {
            var detail = typeof data.detail === "string" ? data.detail : "Le service ne répond pas pour le moment. Réessayez dans quelques minutes.";
            throw new Error(detail);
          }
          return data;
        });
      }, function () { throw new Error("Impossible de joindre le service. Vérifiez votre connexion et réessayez."); });
  }

  function start() {
    statusLine.textContent = "";
    return request("POST", "/api/v1/conversations", { territory: territory, channel: "web" }).then(function (data) {
      conversation = { id: data.id, token: data.token };
      localStorage.setItem(STORAGE_KEY, JSON.stringify(conversation));
      data.messages.forEach(function (m) { show("bot", m.text, m.buttons); });
    });
  }

  function resume() {
    return request("GET", "/api/v1/conversations/" + conversation.id + "/messages").then(function (data) {
      data.messages.forEach(function (m) { show(m.author, m.text, m.author === "bot" ? m.buttons : []); });
    });
  }

  function send(text, shown) {
    show("resident", shown || text, []);
    statusLine.textContent = "L'assistant écrit…";
    return request("POST", "/api/v1/conversations/" + conversation.id + "/messages", { text: text })
      .then(function (data) {
        statusLine.textContent = "";
        data.messages.forEach(function (m) { show("bot", m.text, m.buttons); });
      })
      .catch(function (error) { statusLine.textContent = error.message; });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text || !conversation) { return; }
    input.value = "";
    send(text);
  });

  var saved = localStorage.getItem(STORAGE_KEY);
  if (saved) {
    conversation = JSON.parse(saved);
    resume().catch(function () { conversation = null; localStorage.removeItem(STORAGE_KEY); return start(); })
      .catch(function (error) { statusLine.textContent = error.message; });
  } else {
    start().catch(function (error) { statusLine.textContent = error.message; });
  }
  input.focus();
})();
