// A small JSON Schema validator for the keywords the plugin manifest schema uses: type,
// required, properties, additionalProperties (boolean or schema), items, enum, pattern,
// minLength/maxLength and minItems. Debian 12 ships no JSON Schema library for nlohmann_json,
// so the host checks manifests with this subset; an unknown keyword in a schema is an error,
// so a schema can never silently ask for more than is checked.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/base/error.h"

namespace kk::plugin {

/// One violation: a JSON pointer to the value ("/capabilities/2") and what is wrong with it.
struct SchemaViolation {
    std::string pointer;
    std::string message;
};

class JsonSchema {
  public:
    /// Checks that the schema uses only supported keywords and that its patterns compile.
    /// `where` names the schema file in errors.
    static Result<JsonSchema> compile(nlohmann::json schema, const std::string& where);
    /// Reads and compiles a schema file.
    static Result<JsonSchema> load(const std::string& path);

    /// Every violation of `document`, in document order; empty when it is valid.
    std::vector<SchemaViolation> validate(const nlohmann::json& document) const;

  private:
    explicit JsonSchema(nlohmann::json schema) : m_schema(std::move(schema)) {}
    nlohmann::json m_schema;
};

}  // namespace kk::plugin
