// Field edits and locks, PUT /library/sections/{id}/all?type={1|2|3|4}&id={k}[,k…]&<edits>, as
// python-plexapi sends them: `title.value=…`, `title.locked=1`, `genre[0].tag.tag=…` (adds the
// names), `genre[].tag.tag-=A,B` (removes), `thumb.locked=1`; and how listings show the result:
// the set fields as attributes, Genre/Collection/… children, one Field child per locked field.
#include <sstream>

#include "library.h"
#include "router.h"

namespace pms_emulator {
namespace {

// "genre" → "Genre", the element name of a tag.
std::string TagElement(const std::string& tag) {
  std::string name = tag;
  name[0] = static_cast<char>(name[0] - 'a' + 'A');
  return name;
}

}  // namespace

Reply Router::EditItems(const Call& call) {
  // parts: library, sections, {id}, all
  const std::string section = call.parts[2];
  std::lock_guard<std::mutex> lock(impl_->mutex);
  Library& lib = impl_->library;
  if (!lib.FindSection(section)) return Html(404, kNotFoundBody);
  auto param = [&](const char* name) {
    auto it = call.params.find(name);
    return it == call.params.end() ? std::string() : it->second;
  };
  const std::string type = param("type");
  if (!IsNumber(type) || type.size() > 1 || type < "1" || type > "4") {
    return BadRequest("type: expected 1 (movie), 2 (show), 3 (season) or 4 (episode)");
  }
  if (param("id").empty()) return BadRequest("id: the items to edit are missing");
  Edits edits;
  const std::string bad = Library::ParseEdits(call.params, &edits);
  if (!bad.empty()) return BadRequest(bad);
  // Every item is checked before any changes, so a bad id leaves the others alone too.
  std::vector<int64_t> keys;
  std::stringstream ids(param("id"));
  for (std::string id; std::getline(ids, id, ',');) {
    if (!IsNumber(id)) return BadRequest("id: \"" + id + "\" is not a rating key");
    const Item* item = lib.FindItem(std::stoll(id));
    if (!item || item->section_key != section) return Html(404, kNotFoundBody);
    if (TypeNumber(item->type) != std::stoi(type)) {
      return BadRequest("type " + type + " does not match item " + id + ", a " + item->type);
    }
    keys.push_back(item->rating_key);
  }
  for (int64_t key : keys) lib.ApplyEdits(key, edits, UnixNow());
  return Html(200, "");
}

void Router::AddEditableMetadata(const Item& item, Element* e) const {
  const ItemExtra* extra = impl_->library.FindExtra(item.rating_key);
  if (!extra) return;  // never edited nor refreshed: nothing beyond what the scan gave
  for (const std::string& field : FieldNames()) {
    auto it = extra->current.fields.find(field);
    if (it != extra->current.fields.end()) e->Str(field, it->second);
  }
  for (const std::string& tag : TagNames()) {
    auto it = extra->current.tags.find(tag);
    if (it == extra->current.tags.end()) continue;
    for (const std::string& name : it->second) e->Child(TagElement(tag)).Str("tag", name);
  }
  // What a custom metadata provider gave: the cast and the external ids, as PMS lists them.
  for (const ItemView::RoleView& r : extra->roles) {
    Element& role = e->Child("Role");
    role.Str("tag", r.tag);
    if (!r.role.empty()) role.Str("role", r.role);
    if (!r.thumb.empty()) role.Str("thumb", r.thumb);
  }
  for (const std::string& id : extra->external_guids) e->Child("Guid").Str("id", id);
  // PMS lists only the locked fields.
  for (const std::string& name : extra->locked) e->Child("Field").Bool("locked", true).Str("name", name);
}

}  // namespace pms_emulator
