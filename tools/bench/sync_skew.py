#!/usr/bin/env python3
"""Headsets in step, from their frame logs (play --frame-log: display time on the wall clock,
shot time, plate frame). For each follower frame, the leader's shot time at that display time
is read off the leader's own frames (between two that bracket it, while the leader played on
steadily); a frame within SETTLE seconds after a jump of the leader's (a seek, a pause, a wrap)
is left out, as is one outside the leader's log. Prints, per follower, the moments compared,
those more than half a frame off, and the median and 99th percentile of the offsets; exits 1
when a follower has too few moments, a median of 5 ms or more, or more than ALLOWED moments off.
Last, the same over every follower together ("all").
  sync_skew.py FPS SETTLE ALLOWED_OFF_SHARE LEADER.csv FOLLOWER.csv...
"""
import bisect
import csv
import statistics
import sys


def read(path):
    with open(path) as f:
        rows = [(float(r["display_wall_seconds"]), float(r["shot_seconds"])) for r in csv.DictReader(f)]
    rows.sort()
    return rows


def main():
    fps, settle, allowed = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
    leader = read(sys.argv[4])
    times = [w for w, _ in leader]
    # Where the leader jumped: its shot time did not move with its display time.
    jumps = [leader[i][0] for i in range(1, len(leader))
             if abs((leader[i][1] - leader[i - 1][1]) - (leader[i][0] - leader[i - 1][0])) > 0.5 / fps
             and abs(leader[i][1] - leader[i - 1][1]) > 1e-9]
    half = 0.5 / fps
    failed = False
    everyone = []
    for path in sys.argv[5:]:
        offsets = []
        for wall, shot in read(path):
            i = bisect.bisect_right(times, wall)
            if i == 0 or i >= len(leader):
                continue
            j = bisect.bisect_right(jumps, wall)
            if j > 0 and wall - jumps[j - 1] < settle:
                continue
            (w0, s0), (w1, s1) = leader[i - 1], leader[i]
            if w1 - w0 > 0.2:
                continue  # a gap in the leader's frames: nothing to read between
            if abs((s1 - s0) - (w1 - w0)) < 1e-3:
                expected = s0 + (wall - w0)  # playing
            elif abs(s1 - s0) < 1e-9:
                expected = s0  # paused
            else:
                continue
            offsets.append(shot - expected)
        if len(offsets) < 20:
            print(f"{path}: only {len(offsets)} moments to compare")
            failed = True
            continue
        everyone += offsets
        if not report(path, offsets, half, allowed):
            failed = True
    if len(sys.argv) > 6 and everyone:
        report("all", everyone, half, allowed)
    return 1 if failed else 0


def report(name, offsets, half, allowed):
    absolute = sorted(abs(o) for o in offsets)
    off = sum(1 for o in absolute if o > half)
    median = statistics.median(absolute)
    p99 = absolute[min(len(absolute) - 1, int(0.99 * len(absolute)))]
    print(f"{name}: {len(offsets)} moments, {off} more than half a frame off; "
          f"offset median {median * 1e3:.2f} ms, p99 {p99 * 1e3:.2f} ms, max {absolute[-1] * 1e3:.2f} ms")
    return median < 0.005 and off <= allowed * len(offsets)


if __name__ == "__main__":
    sys.exit(main())
