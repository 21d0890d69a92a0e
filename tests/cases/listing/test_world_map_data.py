import io
import json

import pytest
from django.core.management import CommandError, call_command

from cases.listing.pictures import world_shapes

TINY = {
    "type": "Topology",
    "transform": {"scale": [1, 1], "translate": [0, 0]},
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                # Two arcs, the second walked backwards: a 10° square around 30°E, 0°.
                {
                    "type": "Polygon",
                    "id": "800",
                    "properties": {"name": "Uganda"},
                    "arcs": [[0, ~1]],
                },
                {
                    "type": "Polygon",
                    "id": "010",
                    "properties": {"name": "Antarctica"},
                    "arcs": [[0, ~1]],
                },
            ],
        }
    },
    "arcs": [[[30, 0], [10, 0], [0, 10]], [[30, 0], [0, 10], [10, 0]]],
}


def test_the_map_builder_decodes_topojson_and_names_countries_by_iso_code(tmp_path):
    source, output = tmp_path / "countries.json", tmp_path / "world.json"
    source.write_text(json.dumps(TINY))
    call_command("build_world_map", str(source), output=str(output), stdout=io.StringIO())
    data = json.loads(output.read_text())

    assert [country["code"] for country in data["countries"]] == ["UG"]  # Antarctica left out
    assert data["countries"][0]["d"].startswith("M") and data["countries"][0]["d"].endswith("z")
    assert data["width"] == 960


def test_the_map_builder_refuses_a_file_that_is_not_a_world_atlas(tmp_path):
    source = tmp_path / "broken.json"
    source.write_text("{not json")
    with pytest.raises(CommandError, match="is not a world-atlas countries file"):
        call_command("build_world_map", str(source), output=str(tmp_path / "out.json"))


def test_the_committed_map_has_the_catalogue_countries():
    codes = {country["code"] for country in world_shapes()["countries"]}

    assert {"UG", "MW", "FI", "IN", "CA", "US", "ID", "PH", "IQ", "BD"} <= codes
    assert len(codes - {""}) > 170
