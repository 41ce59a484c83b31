-- POST /api/v1/execute/execute create_appointment on a different free slot every request. bench/api.sh adds
-- BOOKING_DAYS days x 3 providers x 20 half-hour slots (08:00-17:30) starting BOOKING_FIRST_DAY days ahead;
-- request n books slot n (day-major), so every booking succeeds until the slots run out.
local providers = {"Dr. Adams", "Dr. Bell", "Dr. Chen"}
local first = tonumber(os.getenv("BOOKING_FIRST_DAY") or "30")
local n = 0
local function date_in(days)
  return os.date("!%Y-%m-%d", os.time() + days * 86400)
end
request = function()
  local day = first + math.floor(n / 60)
  local rem = n % 60
  local provider = providers[math.floor(rem / 20) + 1]
  local slot = rem % 20
  local time = string.format("%02d:%02d", 8 + math.floor(slot / 2), (slot % 2) * 30)
  n = n + 1
  local body = string.format('{"action_name":"create_appointment","params":{"patient_id":1,"date":"%s",' ..
    '"start_time":"%s","provider_name":"%s","reason":"bench"}}', date_in(day), time, provider)
  return wrk.format("POST", "/api/v1/execute/execute", {["Content-Type"] = "application/json"}, body)
end
