// RFC 4180 CSV reading and writing with line tracking, so import errors can name the row.
#pragma once

#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/error.h"

namespace kk {

/// Reads records from a stream. Handles quoted fields with embedded separators, quotes and
/// newlines, CRLF, a UTF-8 byte-order mark, and ';' as separator (common in Belgian Excel
/// exports: detected from the header line when `separator` is 0).
class CsvReader {
  public:
    CsvReader(std::istream& in, std::string fileName, char separator = 0);

    /// Reads the next record; false at end of input. Throws KkError on an unterminated quote.
    bool next(std::vector<std::string>& fields);
    /// Line number (1-based) where the last record read started.
    int line() const { return m_recordLine; }
    const std::string& fileName() const { return m_fileName; }
    char separator() const { return m_sep; }

  private:
    bool readRecord(std::vector<std::string>& fields);
    std::istream& m_in;
    std::string m_fileName;
    char m_sep;
    int m_line = 1;
    int m_recordLine = 0;
    bool m_first = true;
    std::string m_pending;  ///< the first line, read ahead to detect the separator
    bool m_hasPending = false;
};

/// Writes records with minimal quoting (fields with separator, quote, CR or LF are quoted).
class CsvWriter {
  public:
    explicit CsvWriter(std::ostream& out, char separator = ',') : m_out(out), m_sep(separator) {}
    void write(const std::vector<std::string>& fields);

  private:
    std::ostream& m_out;
    char m_sep;
};

/// Quotes one field for CSV when needed.
std::string csvQuote(std::string_view field, char separator = ',');

}  // namespace kk
