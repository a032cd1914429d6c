#!/usr/bin/env python3
"""The example's web service and its health check.

  web.py serve PORT ADDRESS   answer every GET with "served by NODE" (NODE: the cluster node the
                              resource runs on, from OCF_RESKEY_CRM_meta_on_node, which the
                              executor sets for agents and their children)
  web.py check URL            exit 0 if URL answers within 2 s (ocf:vigil:Daemon's monitor_cmd)
"""
import http.server
import os
import socket
import sys
import urllib.request


class Handler(http.server.BaseHTTPRequestHandler):
    node = os.environ.get("OCF_RESKEY_CRM_meta_on_node") or socket.gethostname()

    def do_GET(self):
        body = ("served by %s\n" % self.node).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        pass


def main(argv):
    if len(argv) == 4 and argv[1] == "serve":
        server = http.server.ThreadingHTTPServer((argv[3], int(argv[2])), Handler)
        server.serve_forever()
    elif len(argv) == 3 and argv[1] == "check":
        urllib.request.urlopen(argv[2], timeout=2).read()
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
