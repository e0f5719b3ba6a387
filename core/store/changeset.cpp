// ChangeSet and BulkInsert: savepoint, audit records, notification.
#include "core/store/changeset.h"

#include "core/store/row_json.h"
#include "core/store/workspace.h"

namespace kk {
namespace {

std::string placeholders(std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i)
        s += i ? ",?" : "?";
    return s;
}

}  // namespace

const sql::Value* Row::find(std::string_view column) const {
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i] == column)
            return &values[i];
    return nullptr;
}

/// Reads a full row image (every column, keyed by name) for the audit trail.
Row readRow(Workspace& ws, std::string_view table, std::int64_t id) {
    const std::string& key = ws.keyOf(table);
    const auto& cols = ws.columnsOf(table);
    std::string sqlText = "SELECT ";
    for (std::size_t i = 0; i < cols.size(); ++i)
        sqlText += (i ? ",\"" : "\"") + cols[i] + "\"";
    sqlText += ", rowid FROM \"" + std::string(table) + "\" WHERE " + key + " = ?";
    auto st = ws.db().prepare(sqlText);
    st.bind(1, id);
    Row r;
    if (!st.step())
        throw KkError(makeError("store.not_found",
                                "no row " + std::to_string(id) + " in " + std::string(table)));
    for (std::size_t i = 0; i < cols.size(); ++i)
        r.set(cols[i], st.get(static_cast<int>(i)));
    if (key == "rowid")
        r.set("rowid", st.get(static_cast<int>(cols.size())));
    return r;
}

ChangeSet::ChangeSet(Workspace& ws, std::string label) : m_ws(ws), m_label(std::move(label)) {
    if (ws.readOnly())
        throw KkError(makeError("workspace.read_only", "the workspace is open read-only", ws.path(),
                                "open it for writing to make changes"));
    m_savepoint =
        std::make_unique<sql::Savepoint>(ws.db(), "kk_cs_" + std::to_string(ws.nextSavepoint()));
}

ChangeSet::~ChangeSet() {
    if (!m_done)
        rollback();
}

void ChangeSet::record(Change c) {
    m_changes.push_back(std::move(c));
}

std::int64_t ChangeSet::insert(std::string_view table, const Row& row) {
    const auto& cols = m_ws.columnsOf(table);
    std::string sqlText = "INSERT INTO \"" + std::string(table) + "\" (";
    for (std::size_t i = 0; i < row.columns.size(); ++i) {
        if (std::find(cols.begin(), cols.end(), row.columns[i]) == cols.end())
            throw KkError(
                makeError("store.unknown_column",
                          "table " + std::string(table) + " has no column " + row.columns[i]));
        sqlText += (i ? ",\"" : "\"") + row.columns[i] + "\"";
    }
    sqlText += ") VALUES (" + placeholders(row.columns.size()) + ")";
    auto st = m_ws.db().prepare(sqlText);
    st.bindAll(row.values);
    st.run();
    const std::int64_t id = m_ws.db().lastInsertId();
    record({std::string(table), "insert", id, id, {}, {}});
    return id;
}

void ChangeSet::update(std::string_view table, std::int64_t id, const Row& changes) {
    const auto& cols = m_ws.columnsOf(table);
    Row before = readRow(m_ws, table, id);
    Row beforeSubset;
    std::string sqlText = "UPDATE \"" + std::string(table) + "\" SET ";
    for (std::size_t i = 0; i < changes.columns.size(); ++i) {
        if (std::find(cols.begin(), cols.end(), changes.columns[i]) == cols.end())
            throw KkError(
                makeError("store.unknown_column",
                          "table " + std::string(table) + " has no column " + changes.columns[i]));
        sqlText += (i ? ",\"" : "\"") + changes.columns[i] + "\" = ?";
        beforeSubset.set(changes.columns[i], *before.find(changes.columns[i]));
    }
    sqlText += " WHERE " + m_ws.keyOf(table) + " = ?";
    auto st = m_ws.db().prepare(sqlText);
    st.bindAll(changes.values);
    st.bind(static_cast<int>(changes.values.size() + 1), id);
    st.run();
    record({std::string(table), "update", id, id, rowjson::encode(beforeSubset),
            rowjson::encode(changes)});
}

void ChangeSet::remove(std::string_view table, std::int64_t id) {
    Row before = readRow(m_ws, table, id);
    auto st = m_ws.db().prepare("DELETE FROM \"" + std::string(table) + "\" WHERE " +
                                m_ws.keyOf(table) + " = ?");
    st.bind(1, id);
    st.run();
    record({std::string(table), "delete", id, id, rowjson::encode(before), {}});
}

BulkInsert ChangeSet::bulkInsert(std::string_view table, std::vector<std::string> columns) {
    const auto& cols = m_ws.columnsOf(table);
    std::string sqlText = "INSERT INTO \"" + std::string(table) + "\" (";
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (std::find(cols.begin(), cols.end(), columns[i]) == cols.end())
            throw KkError(makeError("store.unknown_column", "table " + std::string(table) +
                                                                " has no column " + columns[i]));
        sqlText += (i ? ",\"" : "\"") + columns[i] + "\"";
    }
    sqlText += ") VALUES (" + placeholders(columns.size()) + ")";
    return BulkInsert(*this, std::string(table), m_ws.db().prepare(sqlText));
}

Status ChangeSet::commit() {
    if (m_done)
        return makeError("store.changeset_closed", "this change set was already committed");
    try {
        ChangeNotice notice;
        notice.label = m_label;
        if (!m_changes.empty()) {
            // A new change makes the undone history unreachable for redo.
            m_ws.db().exec("UPDATE kk_audit SET state = 'discarded' WHERE state = 'undone'");
            auto a = m_ws.db().prepare(
                "INSERT INTO kk_audit (user, at, label, state) VALUES (?, ?, ?, 'done')");
            a.bind(1, m_ws.user()).bind(2, Workspace::nowUtc()).bind(3, m_label).run();
            notice.auditId = m_ws.db().lastInsertId();
            auto c = m_ws.db().prepare(
                "INSERT INTO kk_audit_change (audit_id, seq, tbl, op, row_id, last_row_id, "
                "before_json, after_json) VALUES (?,?,?,?,?,?,?,?)");
            std::int64_t seq = 0;
            for (const Change& ch : m_changes) {
                c.bind(1, notice.auditId).bind(2, ++seq).bind(3, ch.table).bind(4, ch.op);
                c.bind(5, ch.rowId).bind(6, ch.lastRowId);
                if (ch.before.empty())
                    c.bindNull(7);
                else
                    c.bind(7, ch.before);
                if (ch.after.empty())
                    c.bindNull(8);
                else
                    c.bind(8, ch.after);
                c.run();
                auto& t = notice.tables[ch.table];
                if (ch.op == "insert")
                    ++t.inserted;
                else if (ch.op == "insert_range")
                    t.inserted += ch.lastRowId - ch.rowId + 1;
                else if (ch.op == "update")
                    ++t.updated;
                else if (ch.op == "delete")
                    ++t.deleted;
            }
        }
        m_savepoint->release();
        m_done = true;
        if (!m_changes.empty())
            m_ws.changed.emit(notice);
        return {};
    } catch (const KkError& e) {
        rollback();
        return e.error();
    }
}

void ChangeSet::rollback() {
    if (m_done)
        return;
    m_done = true;
    m_changes.clear();
    if (m_savepoint)
        m_savepoint->rollback();
}

BulkInsert::BulkInsert(ChangeSet& cs, std::string table, sql::Statement st)
    : m_cs(&cs), m_table(std::move(table)), m_st(std::move(st)) {}

BulkInsert::BulkInsert(BulkInsert&& o) noexcept
    : m_cs(o.m_cs),
      m_table(std::move(o.m_table)),
      m_st(std::move(o.m_st)),
      m_first(o.m_first),
      m_last(o.m_last),
      m_count(o.m_count),
      m_contiguous(o.m_contiguous),
      m_ids(std::move(o.m_ids)),
      m_finished(o.m_finished) {
    o.m_finished = true;
}

BulkInsert::~BulkInsert() {
    if (!m_finished)
        finish();
}

std::int64_t BulkInsert::add(const std::vector<sql::Value>& values) {
    m_st->bindAll(values);
    m_st->run();
    const std::int64_t id = m_cs->m_ws.db().lastInsertId();
    if (m_count == 0) {
        m_first = id;
    } else if (id != m_last + 1) {
        m_contiguous = false;
    }
    if (!m_contiguous && m_ids.empty())
        for (std::int64_t i = m_first; i <= m_last; ++i)
            m_ids.push_back(i);
    if (!m_contiguous)
        m_ids.push_back(id);
    m_last = id;
    ++m_count;
    return id;
}

void BulkInsert::finish() {
    if (m_finished)
        return;
    m_finished = true;
    if (m_count == 0)
        return;
    if (m_contiguous) {
        m_cs->record({m_table, "insert_range", m_first, m_last, {}, {}});
    } else {
        for (std::int64_t id : m_ids)
            m_cs->record({m_table, "insert", id, id, {}, {}});
    }
}

}  // namespace kk
