import { nextStart } from './summary';

describe('the seed’s next steps', () => {
  it('start the server on the DATA_DIR the seed filled, and name the URL with its PORT and HOST', () => {
    expect(nextStart({ DATA_DIR: '/tmp/demo', PORT: '4000', HOST: '192.168.1.5' })).toEqual({
      start: 'DATA_DIR=/tmp/demo PORT=4000 HOST=192.168.1.5 npm start',
      url: 'http://192.168.1.5:4000',
    });
  });

  it('are the defaults when nothing was given', () => {
    expect(nextStart({})).toEqual({ start: 'npm start', url: 'http://localhost:3000' });
  });

  it('reach a server on every interface as localhost, an IPv6 address in brackets', () => {
    expect(nextStart({ HOST: '0.0.0.0' }).url).toBe('http://localhost:3000');
    expect(nextStart({ HOST: '::1', PORT: '8080' }).url).toBe('http://[::1]:8080');
  });

  it('quote a DATA_DIR the shell would split', () => {
    expect(nextStart({ DATA_DIR: "/tmp/my demo's" }).start).toBe(`DATA_DIR='/tmp/my demo'\\''s' npm start`);
  });
});
