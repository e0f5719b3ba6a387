// Private to core/store: the column layouts of the exchange formats (documented in docs/cli.md).
#pragma once

#include <string>
#include <vector>

namespace kk::exchange {

struct Col {
    std::string name;  ///< header in the file
    std::string db;    ///< column of the table ("" for association columns)
    std::string kind;  ///< see ExchangeColumn::kind
    bool required = false;
    std::string ref;       ///< for ref/refs: referenced table (matched on its code column)
    std::string enumName;  ///< for enum: which vocabulary
    std::string description;
};

struct Spec {
    std::string entity;
    std::string table;
    std::vector<Col> cols;
    /// For composite natural keys (coalition members, awards, key rows): the first columns,
    /// which together must be unique; empty when the first column (kind code) is the key.
    std::vector<std::string> compositeKey;
};

const std::vector<Spec>& specs();
const Spec* findSpec(const std::string& entity);

}  // namespace kk::exchange
