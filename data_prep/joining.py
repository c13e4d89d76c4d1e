"""Joining the runs' parts into whole tables: Parquet row groups in order, CSV text appended.

A build writes its per-article tables a run of articles at a time (writing.py). The
parts of each table are joined at the end without being read into pandas: Parquet
row groups are copied in order, CSV text is appended. One table, `event_actor_rows`,
counts rows of `events`, and a run counts them from its own first event, so its
parts are shifted by the events of the runs before (`offset`) as they are joined.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .spreadsheet import to_csv_text


def join_parts(parts: Sequence[Path], target: Path, offsets: Sequence[int] = (), column: str = "") -> None:
    """The parts of one table as one Parquet file, their row groups in order.

    A column that is empty in one part (all nulls, typed `null`) takes the type the
    other parts give it, as it would had the table been written whole. With
    `offsets` (one per part), each part's integer `column` is shifted by its offset."""
    shifted = any(offsets)
    if len(parts) == 1 and not shifted:
        parts[0].replace(target)
        return
    schemas = [pq.read_schema(p) for p in parts]
    unified = pa.unify_schemas([s.remove_metadata() for s in schemas], promote_options="permissive")
    metadata = next((s.metadata for s in schemas if s.remove_metadata().equals(unified)), schemas[0].metadata)
    schema = unified.with_metadata(metadata)
    with pq.ParquetWriter(target, schema) as writer:
        for k, part in enumerate(parts):
            source = pq.ParquetFile(part)
            for group in range(source.num_row_groups):
                batch = source.read_row_group(group)
                batch = batch if batch.schema.equals(schema) else batch.cast(schema)
                if shifted and offsets[k]:
                    at = batch.schema.get_field_index(column)
                    field = batch.schema.field(at)
                    moved = pc.add(batch.column(at), pa.scalar(offsets[k], field.type))
                    batch = batch.set_column(at, field, moved)
                writer.write_table(batch)
            part.unlink()


def append_csv(part: Path, target: Path, header: bool, offset: int = 0) -> None:
    """Append a run's CSV to the table's, its header only at the top, its first column (an
    integer row number) shifted by `offset`; a part in the staging folder goes."""
    text = part.read_text(encoding="utf-8")
    if offset:
        text = _shifted(text, offset, part)
    if not header:
        text = text.split("\n", 1)[1]
    with target.open("a", encoding="utf-8") as handle:
        handle.write(text)
    if part.parent == target.parent:
        part.unlink()


def _shifted(text: str, offset: int, part: Path) -> str:
    """CSV text whose first column, a row number, is `offset` more. Text cells cannot
    break a line here (ids and roles), but should one ever, the part is written again
    from its Parquet twin rather than shifted line by line."""
    head, _, body = text.partition("\n")
    lines = body.split("\n")
    out = [head]
    try:
        for line in lines[:-1]:
            cut = line.index(",")
            out.append(f"{int(line[:cut]) + offset}{line[cut:]}")
    except ValueError:
        df = pd.read_parquet(part.with_suffix(".parquet"))
        first = df.columns[0]
        return to_csv_text(df.assign(**{first: (df[first] + offset).astype(df[first].dtype)}))
    return "\n".join([*out, lines[-1]])


def read_like(parts: Sequence[tuple[Path, int]], schema: pa.Schema, column: str = "") -> pd.DataFrame:
    """Rows kept from a table's runs (`parts`, each with its offset), read as pandas reads the
    whole table: cast to its Parquet `schema` (the integer `column` added, shifted by the
    offsets) and read back through Parquet, so every column has the whole table's type."""
    tables = []
    for path, offset in parts:
        table = pq.read_table(path)
        extra = table.column(column) if column else None
        table = table.select(schema.names).cast(schema)
        if extra is not None:
            table = table.append_column(column, pc.add(extra, pa.scalar(offset, extra.type)))
        tables.append(table)
    if not tables:
        whole = schema.empty_table()
        if column:
            whole = whole.append_column(column, pa.array([], pa.int32()))
    else:
        whole = pa.concat_tables(tables)
    buffer = io.BytesIO()
    pq.write_table(whole, buffer)
    return pd.read_parquet(io.BytesIO(buffer.getvalue()))
