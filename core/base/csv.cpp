// CSV state machine.
#include "core/base/csv.h"

namespace kk {

CsvReader::CsvReader(std::istream& in, std::string fileName, char separator)
    : m_in(in), m_fileName(std::move(fileName)), m_sep(separator) {
    if (m_sep == 0) {
        std::getline(m_in, m_pending);
        m_hasPending = true;
        if (m_pending.size() >= 3 && static_cast<unsigned char>(m_pending[0]) == 0xEF &&
            static_cast<unsigned char>(m_pending[1]) == 0xBB &&
            static_cast<unsigned char>(m_pending[2]) == 0xBF)
            m_pending.erase(0, 3);
        std::size_t commas = 0;
        std::size_t semis = 0;
        bool quoted = false;
        for (char c : m_pending) {
            if (c == '"')
                quoted = !quoted;
            if (!quoted && c == ',')
                ++commas;
            if (!quoted && c == ';')
                ++semis;
        }
        m_sep = semis > commas ? ';' : ',';
        m_pending += '\n';
    }
}

bool CsvReader::next(std::vector<std::string>& fields) {
    while (true) {
        if (!readRecord(fields))
            return false;
        // Skip blank lines between records.
        if (fields.size() == 1 && fields[0].empty())
            continue;
        return true;
    }
}

bool CsvReader::readRecord(std::vector<std::string>& fields) {
    fields.clear();
    std::string field;
    bool inQuotes = false;
    bool any = false;
    bool wasQuoted = false;
    m_recordLine = m_line;
    auto get = [this](char& c) -> bool {
        if (m_hasPending) {
            if (!m_pending.empty()) {
                c = m_pending.front();
                m_pending.erase(0, 1);
                return true;
            }
            m_hasPending = false;
        }
        // Straight from the stream buffer: istream::get builds a sentry per character, which
        // was a tenth of a 200,000-row import.
        const int ch = m_in.rdbuf()->sbumpc();
        if (ch == std::char_traits<char>::eof())
            return false;
        c = static_cast<char>(ch);
        return true;
    };
    auto peek = [this]() -> int {
        if (m_hasPending && !m_pending.empty())
            return static_cast<unsigned char>(m_pending.front());
        return m_in.rdbuf()->sgetc();
    };
    char c = 0;
    while (get(c)) {
        any = true;
        if (m_first) {
            m_first = false;
            if (static_cast<unsigned char>(c) == 0xEF) {  // BOM when the separator was given
                char b = 0;
                char d = 0;
                get(b);
                get(d);
                continue;
            }
        }
        if (inQuotes) {
            if (c == '"') {
                if (peek() == '"') {
                    get(c);
                    field += '"';
                } else {
                    inQuotes = false;
                }
            } else {
                if (c == '\n')
                    ++m_line;
                field += c;
            }
            continue;
        }
        if (c == '"' && field.empty() && !wasQuoted) {
            inQuotes = true;
            wasQuoted = true;
        } else if (c == m_sep) {
            fields.push_back(std::move(field));
            field.clear();
            wasQuoted = false;
        } else if (c == '\r') {
            if (peek() == '\n')
                continue;
            ++m_line;
            fields.push_back(std::move(field));
            return true;
        } else if (c == '\n') {
            ++m_line;
            fields.push_back(std::move(field));
            return true;
        } else {
            field += c;
        }
    }
    if (inQuotes)
        throw KkError(makeError("csv.unterminated_quote", "a quoted field is never closed",
                                m_fileName + ", line " + std::to_string(m_recordLine),
                                "close the quote or remove it"));
    if (!any)
        return false;
    fields.push_back(std::move(field));
    return true;
}

std::string csvQuote(std::string_view field, char separator) {
    if (field.find_first_of(std::string{separator, '"', '\r', '\n'}) == std::string_view::npos)
        return std::string(field);
    std::string out = "\"";
    for (char c : field) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + "\"";
}

void CsvWriter::write(const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i)
            m_out << m_sep;
        m_out << csvQuote(fields[i], m_sep);
    }
    m_out << '\n';
}

}  // namespace kk
