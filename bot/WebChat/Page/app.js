// Starts the Web Chat widget with a Direct Line token from the bot's own token endpoint.
(function () {
  'use strict';

  var status = document.getElementById('status');

  function showError(message) {
    status.hidden = false;
    status.textContent = message;
    status.className = 'status error';
  }

  var styleOptions = {
    accent: '#2f6f73',
    backgroundColor: '#ffffff',
    bubbleBackground: '#f1efe9',
    bubbleBorderColor: '#f1efe9',
    bubbleBorderRadius: 14,
    bubbleTextColor: '#1f2a2b',
    bubbleFromUserBackground: '#dcebea',
    bubbleFromUserBorderColor: '#dcebea',
    bubbleFromUserBorderRadius: 14,
    bubbleFromUserTextColor: '#1f2a2b',
    bubbleMaxWidth: 560,
    botAvatarInitials: 'TB',
    botAvatarBackgroundColor: '#2f6f73',
    hideUploadButton: true,
    primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    rootHeight: '100%',
    rootWidth: '100%',
    sendBoxButtonColor: '#2f6f73',
    suggestedActionLayout: 'flow',
    suggestedActionBorderRadius: 18,
    suggestedActionBorderColor: '#2f6f73',
    suggestedActionTextColor: '#2f6f73'
  };

  fetch('/api/directline/token', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Accept': 'application/json' }
  })
    .then(function (response) {
      if (!response.ok) throw new Error('token endpoint answered ' + response.status);
      return response.json();
    })
    .then(function (session) {
      var directLine = window.WebChat.createDirectLine({
        token: session.token,
        domain: session.domain,
        webSocket: session.webSocket === true
      });
      window.WebChat.renderWebChat(
        { directLine: directLine, styleOptions: styleOptions, locale: navigator.language || 'en-US' },
        document.getElementById('webchat')
      );
      status.hidden = true;
    })
    .catch(function () {
      showError("TrustBot can't connect right now. Please reload the page in a minute.");
    });
})();
