// The JavaScript example of the Skode Leads documentation ("Create a Lead"),
// verbatim except the base URL, which the test passes in (the sandbox's).
const API_URL = process.env.SKODE_API_URL;

const response = await fetch(`${API_URL}/leads`, {
  method: 'POST',
  headers: {
    'Authorization': 'Bearer sk_live_your_api_key',
    'Content-Type': 'application/json'
  },
  body: JSON.stringify({
    name: 'Jane Doe',
    email: 'jane@example.com',
    phone: '+1-555-0123',
    company: 'Example Corp',
    source: 'website',
    deal_value: 25000,
    custom_fields: {
      industry: 'Technology',
      employees: '50-200'
    }
  })
});

console.log(JSON.stringify({
  status: response.status,
  location: response.headers.get('Location'),
  rateLimit: response.headers.get('X-RateLimit-Limit'),
  body: await response.json()
}));
