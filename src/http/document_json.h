// Reading the JSON bodies of the document routes (docs/forms.md "Filed forms").
#pragma once

#include <boost/json/object.hpp>

#include "core/error.h"
#include "service/document_inputs.h"

namespace lindungi::http {

// {form, values, person_id?, task_id?}
Result<DocumentInput> ReadDocument(const boost::json::object& o);
// {media_type, size, sha256?, kind?, person_id?, task_id?}
Result<UploadStart> ReadUploadStart(const boost::json::object& o);
// {} (a completion carries nothing but its Idempotency-Key)
Result<bool> ReadEmptyObject(const boost::json::object& o);
// {version, values}
Result<DocumentCorrection> ReadDocumentCorrection(const boost::json::object& o);

}  // namespace lindungi::http
