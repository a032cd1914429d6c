#!/usr/bin/env python3
"""A client that uses the service the whole time and measures the outage it sees.

  client.py URL [MAX_SECONDS]

Sends a GET every 50 ms (each with a 0.5 s timeout) and prints every change: which node serves,
and failures. After the first outage it waits until the service has answered steadily for 2 s,
then prints the outage (time from the last answer before the gap to the first answer after it)
as the last line, "outage_s=SECONDS", and exits 0. Exits 1 if the service is not back within
MAX_SECONDS (default 120) of the start. Bounded: it never runs longer than MAX_SECONDS.
"""
import sys
import time
import urllib.request

INTERVAL = 0.05
TIMEOUT = 0.5
STEADY = 2.0


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as r:
            return r.read().decode().strip()
    except Exception:  # any failure is an unanswered request
        return None


def main():
    url = sys.argv[1]
    limit = float(sys.argv[2]) if len(sys.argv) > 2 else 120.0
    start = time.monotonic()
    last_ok = None          # time of the last answer
    last_seen = None        # what the last answer said
    gap_from = None         # last answer before the outage
    outage = None
    recovered_at = None
    while time.monotonic() - start < limit:
        answer = get(url)
        now = time.monotonic()
        stamp = "[client %6.2fs]" % (now - start)
        if answer is not None:
            if gap_from is not None and outage is None:
                outage = now - gap_from
                recovered_at = now
                print("%s back: %s, after an outage of %.3f s" % (stamp, answer, outage), flush=True)
            elif answer != last_seen:
                print("%s %s" % (stamp, answer), flush=True)
            last_ok, last_seen = now, answer
            if recovered_at is not None and now - recovered_at >= STEADY:
                print("outage_s=%.3f" % outage, flush=True)
                return 0
        elif last_ok is not None and gap_from is None:
            gap_from = last_ok
            print("%s no answer (last answer %.3f s ago)" % (stamp, now - last_ok), flush=True)
        time.sleep(INTERVAL)
    print("[client] the service was not back within %.0f s" % limit, flush=True)
    return 1


if __name__ == "__main__":
    sys.exit(main())
