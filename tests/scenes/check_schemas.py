#!/usr/bin/env python3
"""The JSON Schemas in scenes/ are valid, accept the demo shot and documents the
parser accepts, and reject what the parser rejects for shape reasons."""
import copy
import json
import sys
from pathlib import Path

import jsonschema

scenes = Path(sys.argv[1])
shot_schema = json.loads((scenes / "shot.schema.json").read_text())
playlist_schema = json.loads((scenes / "playlist.schema.json").read_text())
for schema in (shot_schema, playlist_schema):
    jsonschema.Draft202012Validator.check_schema(schema)
shot = jsonschema.Draft202012Validator(shot_schema)
playlist = jsonschema.Draft202012Validator(playlist_schema)

demo = json.loads((scenes / "demo" / "shot.json").read_text())
shot.validate(demo)
full = copy.deepcopy(demo)
full["markers"][1].update({"audio": "n/lens.ogg", "captions": "n/lens.vtt"})
full["camera"]["clip"] = {"src": "film.mp4", "offset": 1.5}
full["x-tool"] = {"anything": True}
full["media"][0].update(start=1.0, offset=0.5)  # the plate placed on shot time
full["media"][0]["audio"] = {"ambisonic": "ambix"}  # an AmbiX soundtrack in a track without a layout
full["origin"] = {"x": 0, "y": 1.7, "z": 0.25}
full["blocking"] = {
    "marks": [{"id": "m1", "name": "Rick", "colour": [1, 0.8, 0], "x": 1.5, "z": -2, "yaw_deg": 180},
              {"id": "m2", "x": -100, "z": 100}],
    "actors": [{"id": "rick", "actor": "Rick", "colour": [0.2, 0.6, 1], "figure_height_m": 3, "trail_seconds": 0,
                "keys": [{"t": 2.0, "x": 1.5, "z": -2}, {"t": 4.0, "x": -0.5, "z": -2}]}],
    "dolly": {"name": "Track", "points": [{"x": -2, "z": 1}, {"x": 2, "z": 1}]},
    "measurements": [{"id": "door", "name": "Door", "a": {"x": -1, "y": 0, "z": -4}, "b": {"x": -1, "y": 2.1, "z": -4}}]}
full["media"].append({"id": "set", "kind": "gltf", "src": "set.glb", "start": 2.5, "offset": 0.5,
                      "transform": {"position": {"x": 1, "y": 0, "z": -3}, "orientation": {"yaw_deg": 90},
                                    "scale": {"x": 1, "y": 2, "z": 0.5}}})
shot.validate(full)
uniform = copy.deepcopy(full)
uniform["media"][-1]["transform"]["scale"] = 2
shot.validate(uniform)

sequence = copy.deepcopy(full)
sequence["media"].append({"id": "actor", "kind": "mesh-sequence", "src": "performer", "fps": 30,
                          "texture": "performer_atlas.mp4"})
shot.validate(sequence)

rgbd = copy.deepcopy(full)
rgbd["media"].append({"id": "room", "kind": "rgbd", "src": "room.mp4", "projection": "360", "stereo": "mono",
                      "depth": {"packing": "top-bottom", "encoding": "inverse", "near_m": 0.5, "far_m": 20, "bits": 10},
                      "discontinuity": 0.05, "head_box_m": 0.8, "background": "behind"})
rgbd["media"].append({"id": "behind", "kind": "rgbd", "src": "behind.mp4",
                      "depth": {"packing": "separate", "src": "d.mkv", "encoding": "linear", "near_m": 1, "far_m": 30}})
shot.validate(rgbd)

def rejected(change):
    doc = copy.deepcopy(full)
    change(doc)
    return not shot.is_valid(doc)

failures = [name for name, change in {
    "dotdot": lambda d: d["media"][0].update(src="../plate.mp4"),
    "absolute": lambda d: d["markers"][1].update(audio="/etc/passwd"),
    "category": lambda d: d["markers"][0].update(category="lens"),
    "yaw": lambda d: d["markers"][0]["at"].update(yaw_deg=181),
    "both places": lambda d: d["markers"][0].update(stage={"x": 0, "y": 0, "z": 0}),
    "captions without audio": lambda d: d["markers"][0].update(captions="x.vtt"),
    "captions format": lambda d: d["markers"][1].update(captions="n/lens.txt"),
    "hfov": lambda d: d["camera"].update(hfov_deg=180),
    "format": lambda d: d.update(format="perfectshot/2"),
    "fps": lambda d: d["timeline"].update(fps="0/1"),
    "unknown kind": lambda d: d["media"][-1].update(kind="hologram"),
    "gltf dotdot": lambda d: d["media"][-1].update(src="../set.glb"),
    "scale zero": lambda d: d["media"][-1]["transform"].update(scale=0),
    "scale axis": lambda d: d["media"][-1]["transform"].update(scale={"x": 1, "y": -1, "z": 1}),
    "transform yaw": lambda d: d["media"][-1]["transform"]["orientation"].update(yaw_deg=270),
    "start negative": lambda d: d["media"][-1].update(start=-1),
    "plate offset negative": lambda d: d["media"][0].update(offset=-0.5),
    "ambisonic unknown": lambda d: d["media"][0]["audio"].update(ambisonic="fuma"),
    "origin partial": lambda d: d.update(origin={"x": 0, "y": 1.6}),
    "texture dotdot": lambda d: d["media"].append({"id": "actor", "kind": "mesh-sequence", "src": "p", "fps": 30,
                                                   "texture": "../atlas.mp4"}),
    "blocking array": lambda d: d.update(blocking=[]),
    "mark off stage": lambda d: d["blocking"]["marks"][0].update(x=150),
    "mark without z": lambda d: d["blocking"]["marks"][1].pop("z"),
    "mark facing": lambda d: d["blocking"]["marks"][0].update(yaw_deg=270),
    "colour component": lambda d: d["blocking"]["marks"][0].update(colour=[1, 1.5, 0]),
    "colour short": lambda d: d["blocking"]["actors"][0].update(colour=[1, 0]),
    "colour string": lambda d: d["blocking"]["actors"][0].update(colour="#ff0000"),
    "actor without name": lambda d: d["blocking"]["actors"][0].pop("actor"),
    "figure too short": lambda d: d["blocking"]["actors"][0].update(figure_height_m=0.3),
    "figure too tall": lambda d: d["blocking"]["actors"][0].update(figure_height_m=3.01),
    "no keys": lambda d: d["blocking"]["actors"][0].update(keys=[]),
    "key without t": lambda d: d["blocking"]["actors"][0]["keys"][0].pop("t"),
    "key off stage": lambda d: d["blocking"]["actors"][0]["keys"][1].update(z=-100.5),
    "dolly one point": lambda d: d["blocking"]["dolly"].update(points=[{"x": 0, "z": 0}]),
    "measurement without b": lambda d: d["blocking"]["measurements"][0].pop("b"),
    "measurement off stage": lambda d: d["blocking"]["measurements"][0]["b"].update(y=250),
}.items() if not rejected(change)]

def rgbd_rejected(change):
    doc = copy.deepcopy(rgbd)
    change(doc["media"][-2])
    return not shot.is_valid(doc)

failures += ["rgbd " + name for name, change in {
    "without depth": lambda m: m.pop("depth"),
    "packing": lambda m: m["depth"].update(packing="side-by-side"),
    "encoding": lambda m: m["depth"].update(encoding="log"),
    "near zero": lambda m: m["depth"].update(near_m=0),
    "top-bottom with src": lambda m: m["depth"].update(src="d.mkv"),
    "separate without src": lambda m: m["depth"].update(packing="separate"),
    "bits": lambda m: m["depth"].update(bits=9),
    "depth src dotdot": lambda m: m["depth"].update(packing="separate", src="../d.mkv"),
    "discontinuity zero": lambda m: m.update(discontinuity=0),
}.items() if not rgbd_rejected(change)]

playlist.validate({"format": "perfectshot-playlist/1", "title": "E",
                   "items": [{"shot": "a"}, {"title_card": {"title": "T", "seconds": 3}}, {"shot": "b/shot.json"}]})
for bad in ({"format": "perfectshot-playlist/1", "items": []},
            {"format": "perfectshot-playlist/1", "items": [{"shot": "../a"}]},
            {"format": "perfectshot-playlist/1", "items": [{"shot": "a", "title_card": {"title": "T"}}]}):
    if playlist.is_valid(bad):
        failures.append("playlist " + json.dumps(bad))

if failures:
    sys.exit("the schemas accept what the parser rejects: " + ", ".join(failures))
print("schemas agree with the parser on", 1 + 2 + 20 + 16 + 1 + 1 + 9 + 3, "documents")
