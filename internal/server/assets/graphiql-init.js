// Starts GraphiQL on the page served at / by Maillage. Everything it loads
// comes from this server (no CDN): React, ReactDOM and GraphiQL are the
// UMD builds embedded in the binary, and the endpoint is relative, so the
// page also works behind a path prefix.
(function () {
  "use strict";
  var root = document.getElementById("graphiql");
  var endpoint = new URL(root.getAttribute("data-endpoint"), window.location.href).toString();
  var fetcher = GraphiQL.createFetcher({ url: endpoint });
  root.textContent = "";
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: root.getAttribute("data-default-query"),
      defaultEditorToolsVisibility: true,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
    })
  );
})();
