"""The export's own CSV writer writes exactly what Python's csv.writer writes."""

import csv
import io

from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from cases.exports.formats.csv import csv_line

# Mostly the characters that decide quoting, and any other character now and then.
characters = st.one_of(
    st.sampled_from([",", '"', "\r", "\n", " ", "'", "=", "a", "é", "\x00"]),
    st.characters(),
)
cells = st.text(alphabet=characters, max_size=40)


def csv_writer_line(cells):
    output = io.StringIO()
    csv.writer(output).writerow(cells)
    return output.getvalue()


@hypothesis_settings(max_examples=1000, deadline=None, database=None, derandomize=True)
@given(st.lists(cells, max_size=20))
def test_any_row_of_text_is_written_as_csv_writer_writes_it(row):
    assert csv_line(row) == csv_writer_line(row)


def test_a_row_of_one_empty_cell_is_quoted_so_it_is_not_read_as_a_blank_line():
    assert csv_line([""]) == '""\r\n'
    assert list(csv.reader(io.StringIO(csv_line([""])))) == [[""]]


def test_cells_with_quotes_commas_and_line_breaks_read_back_unchanged():
    row = ['say "hi"', "a, b", "line one\nline two", "cr\rhere", "plain", ""]

    assert list(csv.reader(io.StringIO(csv_line(row)))) == [row]
