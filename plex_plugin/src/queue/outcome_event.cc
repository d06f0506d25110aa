#include "queue/outcome_event.h"

#include "core/json_util.h"

namespace plexdriver {

std::string SyncChangeEventJson(const QueuedOutcome& outcome, const EventServer& server, int64_t now) {
  Poco::JSON::Object::Ptr o = EventEnvelope("sync.change", "queue", now, server);
  o->set("change", ChangeResultToJson(outcome.change));
  Poco::JSON::Array::Ptr scans = new Poco::JSON::Array();
  for (const ScanResult& s : outcome.scans) scans->add(ScanResultToJson(s));
  o->set("scans", scans);
  o->set("queued_at", outcome.queued_at);
  o->set("attempts", outcome.attempts);
  o->set("resumed", outcome.resumed);
  return ToJson(o);
}

std::string QueueRecoveredEventJson(const QueueRecovery& recovery, const EventServer& server, int64_t now) {
  Poco::JSON::Object::Ptr o = EventEnvelope("queue.recovered", "queue", now, server);
  Poco::JSON::Object::Ptr q = NewJsonObject();
  q->set("resumed", static_cast<uint64_t>(recovery.resumed));
  q->set("damaged", recovery.damaged);
  if (!recovery.message.empty()) q->set("message", recovery.message);
  o->set("queue", q);
  return ToJson(o);
}

}  // namespace plexdriver
