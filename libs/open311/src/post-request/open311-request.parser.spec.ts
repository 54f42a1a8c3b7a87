import { parse } from 'node:querystring';
import { Open311Error } from '../open311-error';
import { parseOpen311Request } from './open311-request.parser';

const errorsOf = (body: Record<string, unknown>) => {
  try {
    parseOpen311Request(body, 2026);
  } catch (err) {
    return { status: (err as Open311Error).status, descriptions: (err as Open311Error).descriptions };
  }
  throw new Error('expected an Open311Error');
};

describe('POST requests.json body', () => {
  it('maps the spec’s example arguments onto a case registration (device_id, account_id, jurisdiction_id ignored)', () => {
    const body = parse(
      'api_key=xyz&jurisdiction_id=city.gov&service_code=hgb.complaint&lat=37.76524078&long=-122.4212043&address_string=1234+5th+street' +
        '&email=smit333%40sfgov.edu&device_id=tt222111&account_id=123456&first_name=john&last_name=smith&phone=111111111' +
        '&description=A+large+sinkhole&media_url=http%3A%2F%2Fexample.org%2Fa.jpg',
    );
    expect(parseOpen311Request({ ...body, attribute: { wants_reply: 'false', guarantee_commitment: 'svar' } }, 2026)).toEqual({
      unitId: 'hgb',
      caseType: 'complaint',
      request: {
        type: 'complaint',
        channel: 'open311',
        unitId: 'hgb',
        description: 'A large sinkhole\n\nBild: http://example.org/a.jpg',
        submitter: { name: 'john smith', email: 'smit333@sfgov.edu', phone: '111111111' },
        wantsReply: false,
        location: { address: '1234 5th street', lat: 37.76524078, long: -122.4212043 },
        guaranteeId: 'hgb-2026',
        commitmentId: 'svar',
      },
    });
  });

  it('treats empty arguments as absent: no location, no submitter', () => {
    expect(parseOpen311Request({ service_code: 'hgb.praise', description: 'Tack', lat: '', long: '', email: ' ' }, 2026).request).toEqual({
      type: 'praise',
      channel: 'open311',
      unitId: 'hgb',
      description: 'Tack',
    });
  });

  it('says which argument is missing or wrong', () => {
    expect(errorsOf({})).toEqual({ status: 400, descriptions: ['service_code was not provided'] });
    expect(errorsOf({ service_code: 'pothole' })).toEqual({ status: 404, descriptions: ['service_code pothole was not found'] });
    const many = errorsOf({
      service_code: 'hgb.idea',
      lat: 'north',
      media_url: 'ftp://x',
      attribute: { wants_reply: 'maybe' },
      email: ['a', 'b'],
    });
    expect(many.status).toBe(400);
    expect(many.descriptions.map((d) => d.split(':')[0]).sort()).toEqual([
      'attribute[wants_reply]',
      'email',
      'lat',
      'lat/long',
      'media_url',
    ]);
  });
});
