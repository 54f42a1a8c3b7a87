import { BusinessTimeRequest } from '../case-lifecycle/business-time.request.dto';

export class ResumeCaseRequest extends BusinessTimeRequest {}
