-- wrk script: posts pre-signed WhatsApp webhooks, each a new message, from a file of
-- "<signature>\t<body>" lines (bench/webhook-load.sh writes it). Each thread takes its own lines.
local lines = {}
local next_line = 1
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  local offset = tonumber(args[1] or "0")
  local total = tonumber(args[2] or "1")
  local i = 0
  for line in io.lines(args[3]) do
    if i % total == id - 1 and i >= offset then
      table.insert(lines, line)
    end
    i = i + 1
  end
end

function request()
  local line = lines[next_line]
  next_line = next_line + 1
  if next_line > #lines then next_line = 1 end
  local tab = line:find("\t")
  local headers = {
    ["Content-Type"] = "application/json",
    ["X-Hub-Signature-256"] = line:sub(1, tab - 1),
  }
  return wrk.format("POST", "/api/webhooks/whatsapp", headers, line:sub(tab + 1))
end
