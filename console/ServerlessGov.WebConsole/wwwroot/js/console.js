// The little the console needs from the page itself: its language, and saving a file it fetched with a token.
window.serverlessGovConsole = {
  setLanguage: function (lang) { document.documentElement.lang = lang; },
  saveFile: function (name, contentType, text) {
    const url = URL.createObjectURL(new Blob([text], { type: contentType }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
  }
};
