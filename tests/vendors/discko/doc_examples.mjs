// The Node.js examples of the Discko documentation, verbatim except API_URL,
// which the test passes in (the sandbox's base URL).
const API_URL = process.env.DISCKO_API_URL;

async function listLeads() {
  const response = await fetch(`${API_URL}/leads`, {
    headers: { "X-Discko-Key": process.env.DISCKO_API_KEY }
  });
  if (!response.ok) throw new Error(`Request failed: ${response.status}`);
  return response.json();
}

async function updateLeadStatus(leadId, status) {
  const response = await fetch(`${API_URL}/leads/${leadId}`, {
    method: 'PUT',
    headers: {
      "X-Discko-Key": process.env.DISCKO_API_KEY,
      "Content-Type": "application/json"
    },
    body: JSON.stringify({ status })
  });
  if (!response.ok) {
    throw new Error(`Request failed: ${response.status}`);
  }
  return response.json();
}

// Usage
const listed = await listLeads();
const updated = await updateLeadStatus('req_xyz789', 'IN_PROGRESS');
let failure = null;
try { await updateLeadStatus('req_xyz789', 'INVALID_VALUE'); } catch (e) { failure = e.message; }
console.log(JSON.stringify({ listed, updated, failure }));
